#pragma once
// HttpStreamSource: the live sources that are one endless HTTPS response —
//   Twitter v1.1 statuses/filter (POST, form body) and statuses/sample (GET), OAuth 1.0a signed,
//     "\r\n" lines or delimited=length framing, stall_warnings=true;           -> kTwitterV1
//   X API v2 tweets/search/stream and tweets/sample/stream, Bearer token,
//     tweet.fields=created_at,lang, "\r\n" lines;                               -> kXV2
//   Mastodon /api/v1/streaming/public over Server-Sent Events, Bearer token,
//     each event written as the line "event<TAB>data".                          -> kMastodon
//
// The body is read with Beast's response_parser<buffer_body> (chunked decoding by Beast, body
// limit lifted for the endless body) in 64 KiB reads; each read re-arms the stall timer, so any
// byte, keep-alives included, keeps the stream alive. Framing is core/line_framer.h and
// core/sse_parser.h, independent of chunk and read boundaries. Keep-alive blank lines of the v1.1
// and v2 streams are delivered as empty lines (the extractors count them as kKeepAlive); SSE
// comments are counted in metrics only.
//
// Threading: see io/streaming_source.h.

#include <memory>
#include <string>
#include <vector>

#include "core/oauth1.h"
#include "io/credentials.h"
#include "io/streaming_source.h"

namespace firecount {

class HttpStreamSource final : public StreamingSource {
 public:
  enum class Kind { kTwitterFilter, kTwitterSample, kXFilter, kXSample, kMastodon };

  // `url` is the endpoint (default or --endpoint). Exactly one of the credentials is used:
  // `oauth` for the Twitter kinds, `bearer` for X and Mastodon.
  HttpStreamSource(Kind kind, ParsedUrl url, const LiveSourceOptions& options,
                   OAuth1Credentials oauth, BearerCredentials bearer);

 protected:
  boost::asio::awaitable<SessionResult> run_session() override;
  std::string describe_http_error(int status, std::string_view body_excerpt) const override;

 private:
  std::string authorization(std::string_view method, const std::vector<OAuthParam>& body) const;
  std::string parameter_summary() const;

  Kind kind_;
  OAuth1Credentials oauth_;
  BearerCredentials bearer_;
  std::vector<OAuthParam> params_;  // v1.1 request parameters (body for filter, query for sample)
};

}  // namespace firecount
