#pragma once
// ParsedUrl: splits the absolute URLs the live sources connect to (`https://host:port/path?query`,
// `wss://…`), as given by --endpoint or a source's default. Pure logic.
//
// Threading: stateless; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace firecount {

struct ParsedUrl {
  std::string scheme;  // lowercase: "https", "wss", "http", "ws"
  std::string host;    // without brackets for IPv6 literals
  uint16_t port = 0;   // explicit port, else the scheme's default
  std::string path;    // "/" when empty
  std::string query;   // without '?', may be empty

  // path + "?" + query (the HTTP request target).
  std::string target() const { return query.empty() ? path : path + "?" + query; }
  // "host:port" when the port is not the default, else "host" (the Host header).
  std::string host_header() const;
};

// Parses an absolute URL. Returns nullopt for a missing scheme or host, a bad port, userinfo
// (credentials never go in a URL) or a fragment.
std::optional<ParsedUrl> parse_url(std::string_view url);

}  // namespace firecount
