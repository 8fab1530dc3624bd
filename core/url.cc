#include "core/url.h"

#include <string>

#include "core/ascii.h"

namespace firecount {
namespace {

uint16_t default_port(std::string_view scheme) {
  if (scheme == "https" || scheme == "wss") return 443;
  if (scheme == "http" || scheme == "ws") return 80;
  return 0;
}

}  // namespace

std::string ParsedUrl::host_header() const {
  std::string h;
  if (host.find(':') != std::string::npos) {
    h.append("[").append(host).append("]");  // an IPv6 literal
  } else {
    h = host;
  }
  if (port != default_port(scheme)) h.append(":").append(std::to_string(port));
  return h;
}

std::optional<ParsedUrl> parse_url(std::string_view url) {
  ParsedUrl out;
  size_t sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  out.scheme = internal::ascii_to_lower(url.substr(0, sep));
  if (default_port(out.scheme) == 0) return std::nullopt;
  url.remove_prefix(sep + 3);
  if (url.find('#') != std::string_view::npos) return std::nullopt;
  size_t path_start = url.find_first_of("/?");
  std::string_view authority = url.substr(0, path_start);
  std::string_view rest = path_start == std::string_view::npos ? "" : url.substr(path_start);
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  std::string_view host = authority;
  std::string_view port;
  if (authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
    }
  } else {
    size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
  }
  if (host.empty()) return std::nullopt;
  out.host = internal::ascii_to_lower(host);
  out.port = default_port(out.scheme);
  if (!port.empty()) {
    uint32_t p = 0;
    if (!internal::parse_decimal(port, p) || p == 0 || p > 65535) return std::nullopt;
    out.port = static_cast<uint16_t>(p);
  }
  size_t q = rest.find('?');
  out.path = std::string(rest.substr(0, q));
  if (out.path.empty()) out.path = "/";
  if (q != std::string_view::npos) out.query = std::string(rest.substr(q + 1));
  return out;
}

}  // namespace firecount
