#include "core/oauth1.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "core/ascii.h"

namespace firecount {
namespace {

bool is_unreserved(unsigned char c) {
  return internal::is_ascii_alnum(static_cast<char>(c)) || c == '-' || c == '.' || c == '_' ||
         c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode_component(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string oauth_percent_encode(std::string_view raw) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(raw.size() * 3);
  for (char ch : raw) {
    auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::vector<OAuthParam> form_url_decode(std::string_view encoded) {
  std::vector<OAuthParam> out;
  while (!encoded.empty()) {
    size_t amp = encoded.find('&');
    std::string_view pair = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view() : encoded.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(form_decode_component(pair), std::string());
    } else {
      out.emplace_back(form_decode_component(pair.substr(0, eq)),
                       form_decode_component(pair.substr(eq + 1)));
    }
  }
  return out;
}

std::string form_url_encode(const std::vector<OAuthParam>& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    absl::StrAppend(&out, oauth_percent_encode(k), "=", oauth_percent_encode(v));
  }
  return out;
}

std::string oauth_base_string_uri(std::string_view scheme, std::string_view host, uint16_t port,
                                  std::string_view path) {
  std::string s = internal::ascii_to_lower(scheme);
  std::string out = absl::StrCat(s, "://", internal::ascii_to_lower(host));
  bool default_port = (s == "http" && port == 80) || (s == "https" && port == 443) || port == 0;
  if (!default_port) absl::StrAppend(&out, ":", port);
  out.append(path.empty() ? std::string_view("/") : path);
  return out;
}

std::string oauth_parameter_string(const std::vector<OAuthParam>& params) {
  std::vector<OAuthParam> encoded;
  encoded.reserve(params.size());
  for (const auto& [k, v] : params) {
    encoded.emplace_back(oauth_percent_encode(k), oauth_percent_encode(v));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [k, v] : encoded) {
    if (!out.empty()) out.push_back('&');
    absl::StrAppend(&out, k, "=", v);
  }
  return out;
}

std::string oauth_signature_base_string(std::string_view method, std::string_view base_uri,
                                        const std::vector<OAuthParam>& params) {
  return absl::StrCat(internal::ascii_to_upper(method), "&", oauth_percent_encode(base_uri), "&",
                      oauth_percent_encode(oauth_parameter_string(params)));
}

std::string oauth_hmac_sha1_signature(std::string_view base_string,
                                      std::string_view consumer_secret,
                                      std::string_view token_secret) {
  std::string key =
      absl::StrCat(oauth_percent_encode(consumer_secret), "&", oauth_percent_encode(token_secret));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(base_string.data()), base_string.size(), digest,
       &digest_len);
  return absl::Base64Escape(absl::string_view(reinterpret_cast<const char*>(digest), digest_len));
}

std::string oauth_authorization_header(std::string_view method, std::string_view base_uri,
                                       const std::vector<OAuthParam>& request_params,
                                       const OAuthCredentials& credentials, std::string_view nonce,
                                       int64_t timestamp_s) {
  std::vector<OAuthParam> oauth = {
      {"oauth_consumer_key", credentials.consumer_key},
      {"oauth_nonce", std::string(nonce)},
      {"oauth_signature_method", "HMAC-SHA1"},
      {"oauth_timestamp", absl::StrCat(timestamp_s)},
      {"oauth_token", credentials.token},
      {"oauth_version", "1.0"},
  };
  std::vector<OAuthParam> all = request_params;
  all.insert(all.end(), oauth.begin(), oauth.end());
  std::string signature =
      oauth_hmac_sha1_signature(oauth_signature_base_string(method, base_uri, all),
                                credentials.consumer_secret, credentials.token_secret);
  oauth.emplace_back("oauth_signature", std::move(signature));
  std::sort(oauth.begin(), oauth.end());
  std::string out = "OAuth ";
  for (size_t i = 0; i < oauth.size(); ++i) {
    if (i > 0) out += ", ";
    absl::StrAppend(&out, oauth_percent_encode(oauth[i].first), "=\"",
                    oauth_percent_encode(oauth[i].second), "\"");
  }
  return out;
}

std::vector<OAuthParam> parse_oauth_authorization_header(std::string_view header) {
  std::vector<OAuthParam> out;
  header = internal::strip_ascii_space(header);
  if (header.size() < 6 || !internal::equals_ignore_case(header.substr(0, 6), "OAuth ")) return out;
  header.remove_prefix(6);
  while (!header.empty()) {
    header = internal::strip_ascii_space(header);
    size_t eq = header.find('=');
    if (eq == std::string_view::npos) break;
    std::string_view name = internal::strip_ascii_space(header.substr(0, eq));
    header.remove_prefix(eq + 1);
    std::string_view value;
    if (!header.empty() && header.front() == '"') {
      size_t close = header.find('"', 1);
      if (close == std::string_view::npos) break;
      value = header.substr(1, close - 1);
      header.remove_prefix(close + 1);
    } else {
      size_t comma = header.find(',');
      value = header.substr(0, comma);
      header.remove_prefix(comma == std::string_view::npos ? header.size() : comma);
    }
    if (!header.empty() && header.front() == ',') header.remove_prefix(1);
    if (name != "realm") {
      // Header values are percent-encoded (never '+'), so decode '%XX' only.
      std::string decoded;
      for (size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '%' && i + 2 < value.size() && hex_value(value[i + 1]) >= 0 &&
            hex_value(value[i + 2]) >= 0) {
          decoded.push_back(
              static_cast<char>(hex_value(value[i + 1]) * 16 + hex_value(value[i + 2])));
          i += 2;
        } else {
          decoded.push_back(value[i]);
        }
      }
      out.emplace_back(std::string(name), std::move(decoded));
    }
  }
  return out;
}

std::string oauth_nonce_from_bytes(std::string_view random_bytes) {
  std::string b64 = absl::Base64Escape(absl::string_view(random_bytes.data(), random_bytes.size()));
  std::string out;
  for (char c : b64) {
    if (internal::is_ascii_alnum(c)) out.push_back(c);
  }
  return out;
}

}  // namespace firecount
