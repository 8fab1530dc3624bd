#include "io/x_rules_client.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/http.hpp>

#include "absl/strings/str_cat.h"
#include "core/output_format.h"
#include "core/url.h"
#include "io/credentials.h"
#include "io/tls_client.h"
#include "simdjson.h"

namespace firecount {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct HttpAnswer {
  int status = 0;
  std::string body;
  std::string error;  // transport failure, one line
};

asio::awaitable<HttpAnswer> exchange(asio::ssl::context& tls, const ParsedUrl& url,
                                     http::request<http::string_body> req,
                                     std::chrono::milliseconds timeout) {
  HttpAnswer answer;
  TlsStream stream(co_await asio::this_coro::executor, tls);
  ConnectFailure failure = co_await connect_tls(stream, url, timeout);
  if (!failure.message.empty()) {
    answer.error = failure.message;
    co_return answer;
  }
  beast::get_lowest_layer(stream).expires_after(timeout);
  auto [write_ec, w] = co_await http::async_write(stream, req, kTuple);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  if (!write_ec) {
    beast::get_lowest_layer(stream).expires_after(timeout);
    auto [read_ec, r] = co_await http::async_read(stream, buffer, res, kTuple);
    if (read_ec) answer.error = absl::StrCat("reading the answer failed: ", read_ec.message());
  } else {
    answer.error = absl::StrCat("sending the request failed: ", write_ec.message());
  }
  answer.status = static_cast<int>(res.result_int());
  answer.body = std::move(res.body());
  co_return answer;
}

// A JSON string literal's contents (without the quotes).
std::string json_escape(const std::string& s) {
  std::string quoted;
  append_json_string(quoted, s);
  return quoted.substr(1, quoted.size() - 2);
}

XRulesResult parse_answer(const std::string& body) {
  XRulesResult result;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body).get(doc)) return result;
  simdjson::dom::array data;
  if (!doc["data"].get_array().get(data)) {
    for (simdjson::dom::element rule : data) {
      XRule r;
      std::string_view s;
      if (!rule["id"].get_string().get(s)) r.id = std::string(s);
      if (!rule["value"].get_string().get(s)) r.value = std::string(s);
      if (!rule["tag"].get_string().get(s)) r.tag = std::string(s);
      result.rules.push_back(std::move(r));
    }
  }
  simdjson::dom::object summary;
  if (!doc["meta"]["summary"].get_object().get(summary)) {
    for (auto [key, value] : summary) {
      int64_t n = 0;
      if (!value.get_int64().get(n)) {
        absl::StrAppend(&result.summary, result.summary.empty() ? "" : " ", std::string(key), "=",
                        n);
      }
    }
  }
  simdjson::dom::array errors;
  if (!doc["errors"].get_array().get(errors)) {
    for (simdjson::dom::element e : errors) {
      std::string_view title, detail, value;
      if (e["title"].get_string().get(title)) title = "error";
      if (e["detail"].get_string().get(detail)) detail = "";
      if (e["value"].get_string().get(value)) value = "";
      std::string line = absl::StrCat(std::string(title), ": ", std::string(detail));
      if (!value.empty()) absl::StrAppend(&line, " (", std::string(value), ")");
      result.errors.push_back(line);
    }
  }
  return result;
}

absl::StatusOr<XRulesResult> call(const XRulesClientOptions& options, http::verb method,
                                  const std::string& query, const std::string& body) {
  auto creds = load_x_bearer_credentials(options.credentials_file);
  if (!creds.ok()) return creds.status();
  std::optional<ParsedUrl> url = parse_url(options.endpoint);
  if (!url || url->scheme != "https") {
    return absl::InvalidArgumentError(
        absl::StrCat("--endpoint ", options.endpoint, " is not a valid https:// URL"));
  }
  auto tls = make_tls_client_context(options.ca_file);
  if (!tls.ok()) return tls.status();
  std::string target = url->target();
  if (!query.empty()) absl::StrAppend(&target, url->query.empty() ? "?" : "&", query);
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, url->host_header());
  req.set(http::field::user_agent, "firecount/0.1");
  req.set(http::field::authorization, "Bearer " + creds->token);
  if (!body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
  }
  req.prepare_payload();
  asio::io_context io;
  auto future =
      asio::co_spawn(io, exchange(**tls, *url, std::move(req), options.timeout), asio::use_future);
  io.run();
  HttpAnswer answer = future.get();
  if (!answer.error.empty()) return absl::UnavailableError(answer.error);
  XRulesResult result = parse_answer(answer.body);
  if (answer.status / 100 != 2) {
    std::string what =
        answer.status == 401   ? absl::StrCat("Bearer token rejected (from ", creds->origin, ")")
        : answer.status == 403 ? std::string("the app lacks access to filtered-stream rules")
        : answer.status == 429
            ? std::string("rate limited (rules: 450 GET / 100 POST per 15 min); try later")
            : std::string("request failed");
    std::string msg =
        absl::StrCat("HTTP ", answer.status, " from ", url->host, url->path, ": ", what);
    if (!result.errors.empty()) absl::StrAppend(&msg, " (", result.errors.front(), ")");
    return absl::FailedPreconditionError(msg);
  }
  return result;
}

}  // namespace

absl::StatusOr<XRulesResult> list_x_rules(const XRulesClientOptions& options) {
  return call(options, http::verb::get, "", "");
}

absl::StatusOr<XRulesResult> add_x_rules(const XRulesClientOptions& options,
                                         const std::vector<XRule>& rules) {
  std::string body = "{\"add\":[";
  for (size_t i = 0; i < rules.size(); ++i) {
    absl::StrAppend(&body, i ? "," : "", "{\"value\":\"", json_escape(rules[i].value), "\"");
    if (!rules[i].tag.empty())
      absl::StrAppend(&body, ",\"tag\":\"", json_escape(rules[i].tag), "\"");
    body += "}";
  }
  body += "]}";
  return call(options, http::verb::post, options.dry_run ? "dry_run=true" : "", body);
}

absl::StatusOr<XRulesResult> delete_x_rules(const XRulesClientOptions& options,
                                            const std::vector<std::string>& ids) {
  std::string body = "{\"delete\":{\"ids\":[";
  for (size_t i = 0; i < ids.size(); ++i) {
    absl::StrAppend(&body, i ? "," : "", "\"", json_escape(ids[i]), "\"");
  }
  body += "]}}";
  return call(options, http::verb::post, options.dry_run ? "dry_run=true" : "", body);
}

}  // namespace firecount
