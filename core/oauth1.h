#pragma once
// OAuth 1.0a request signing (RFC 5849 §3.4–3.6, HMAC-SHA1), as Twitter's v1.1 streaming API
// requires it. Pure functions: the caller supplies the nonce and timestamp, so signing is
// deterministic and testable with the documented worked example.
//
// Used by io/http_stream_source (to sign every connect) and by the loopback test server (to check
// the signature of every request it receives).
//
// Threading: stateless; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace firecount {

// A decoded (raw) request parameter: query, form body or oauth_* value.
using OAuthParam = std::pair<std::string, std::string>;

struct OAuthCredentials {
  std::string consumer_key;
  std::string consumer_secret;
  std::string token;
  std::string token_secret;
};

// RFC 5849 §3.6: every byte except ALPHA / DIGIT / "-" / "." / "_" / "~" becomes %XX (uppercase).
std::string oauth_percent_encode(std::string_view raw);

// Decodes application/x-www-form-urlencoded text ("a=1&b=x+y&c%40=&d") into raw pairs: '+' is a
// space, %XX is decoded, a name without '=' has an empty value. Malformed escapes are kept as is.
std::vector<OAuthParam> form_url_decode(std::string_view encoded);

// Encodes raw pairs as a query string / form body with oauth_percent_encode (never '+').
std::string form_url_encode(const std::vector<OAuthParam>& params);

// RFC 5849 §3.4.1.2: lowercase scheme and host, the port only when it is not the scheme's default,
// the path as given (no query, no fragment).
std::string oauth_base_string_uri(std::string_view scheme, std::string_view host, uint16_t port,
                                  std::string_view path);

// RFC 5849 §3.4.1.3.2: encode every name and value, sort by name then value (byte order), join as
// name=value pairs with '&'. `params` are raw (decoded) and must not contain oauth_signature.
std::string oauth_parameter_string(const std::vector<OAuthParam>& params);

// METHOD&pe(base_uri)&pe(parameter_string).
std::string oauth_signature_base_string(std::string_view method, std::string_view base_uri,
                                        const std::vector<OAuthParam>& params);

// base64(HMAC-SHA1(pe(consumer_secret) & pe(token_secret), base_string)).
std::string oauth_hmac_sha1_signature(std::string_view base_string,
                                      std::string_view consumer_secret,
                                      std::string_view token_secret);

// The value of the Authorization header for one request: `OAuth oauth_consumer_key="…", …` with
// the seven oauth_* parameters in sorted order. `request_params` are the raw query and form-body
// parameters that are sent with the request (they are signed, not put in the header).
std::string oauth_authorization_header(std::string_view method, std::string_view base_uri,
                                       const std::vector<OAuthParam>& request_params,
                                       const OAuthCredentials& credentials, std::string_view nonce,
                                       int64_t timestamp_s);

// Parses an `Authorization: OAuth k="v", …` header value into raw pairs (values decoded, `realm`
// dropped). Returns an empty vector when the value is not an OAuth header.
std::vector<OAuthParam> parse_oauth_authorization_header(std::string_view header);

// A nonce as Twitter describes it: base64 of 32 random bytes with non-word characters removed.
// `random_bytes` must hold 32 bytes (the caller owns the randomness source).
std::string oauth_nonce_from_bytes(std::string_view random_bytes);

}  // namespace firecount
