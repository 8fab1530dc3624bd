#include "io/credentials.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "simdjson.h"

namespace firecount {
namespace {

using KeyValues = std::map<std::string, std::string>;

// Reads the top-level string members of a JSON object file. The error messages name the file,
// never its contents.
absl::StatusOr<KeyValues> read_json_strings(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read --credentials file ", file,
                                            ": check the path and its permissions"));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  simdjson::padded_string json(ss.str());
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json).get(object)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--credentials file ", file, " is not a JSON object; see docs/live-sources.md"));
  }
  KeyValues out;
  for (auto [key, value] : object) {
    std::string_view s;
    if (!value.get_string().get(s)) out.emplace(std::string(key), std::string(s));
  }
  return out;
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// Picks the first non-empty value among `names`; records the key used.
std::string pick(const KeyValues& kv, std::initializer_list<const char*> names, std::string* used) {
  for (const char* n : names) {
    auto it = kv.find(n);
    if (it != kv.end() && !it->second.empty()) {
      *used = n;
      return it->second;
    }
  }
  return {};
}

}  // namespace

absl::StatusOr<OAuth1Credentials> load_oauth1_credentials(const std::string& file) {
  OAuth1Credentials out;
  OAuthCredentials& k = out.keys;
  if (!file.empty()) {
    auto kv = read_json_strings(file);
    if (!kv.ok()) return kv.status();
    std::string u1, u2, u3, u4;
    k.consumer_key = pick(*kv, {"API_key", "consumerKey", "consumer_key"}, &u1);
    k.consumer_secret = pick(*kv, {"API_secret_key", "consumerSecret", "consumer_secret"}, &u2);
    k.token = pick(*kv, {"access_token", "accessTokenKey", "access_token_key"}, &u3);
    k.token_secret = pick(*kv, {"access_token_secret", "accessTokenSecret"}, &u4);
    if (k.consumer_key.empty() || k.consumer_secret.empty() || k.token.empty() ||
        k.token_secret.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--credentials file ", file,
                       " lacks OAuth 1.0a keys: set API_key, API_secret_key, access_token, "
                       "access_token_secret (or consumerKey, consumerSecret, accessTokenKey, "
                       "accessTokenSecret)"));
    }
    out.origin = absl::StrCat("file ", file, " keys ", u1, ", ", u2, ", ", u3, ", ", u4);
    return out;
  }
  k.consumer_key = env("TWITTER_CONSUMER_KEY");
  k.consumer_secret = env("TWITTER_CONSUMER_SECRET");
  k.token = env("TWITTER_ACCESS_TOKEN");
  k.token_secret = env("TWITTER_ACCESS_TOKEN_SECRET");
  if (k.consumer_key.empty() || k.consumer_secret.empty() || k.token.empty() ||
      k.token_secret.empty()) {
    return absl::NotFoundError(
        "no Twitter credentials: pass --credentials FILE or set TWITTER_CONSUMER_KEY, "
        "TWITTER_CONSUMER_SECRET, TWITTER_ACCESS_TOKEN and TWITTER_ACCESS_TOKEN_SECRET");
  }
  out.origin =
      "environment TWITTER_CONSUMER_KEY, TWITTER_CONSUMER_SECRET, TWITTER_ACCESS_TOKEN, "
      "TWITTER_ACCESS_TOKEN_SECRET";
  return out;
}

absl::StatusOr<BearerCredentials> load_x_bearer_credentials(const std::string& file) {
  BearerCredentials out;
  if (!file.empty()) {
    auto kv = read_json_strings(file);
    if (!kv.ok()) return kv.status();
    std::string used;
    out.token = pick(*kv, {"bearer_token", "bearerToken"}, &used);
    if (out.token.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--credentials file ", file, " has no bearer_token: add the app's Bearer token"));
    }
    out.origin = absl::StrCat("file ", file, " key ", used);
    return out;
  }
  for (const char* name : {"X_BEARER_TOKEN", "TWITTER_BEARER_TOKEN"}) {
    out.token = env(name);
    if (!out.token.empty()) {
      out.origin = absl::StrCat("environment ", name);
      return out;
    }
  }
  return absl::NotFoundError(
      "no X API Bearer token: pass --credentials FILE with bearer_token or set X_BEARER_TOKEN");
}

absl::StatusOr<BearerCredentials> load_mastodon_credentials(const std::string& file) {
  BearerCredentials out;
  if (!file.empty()) {
    auto kv = read_json_strings(file);
    if (!kv.ok()) return kv.status();
    std::string used;
    out.token = pick(*kv, {"mastodon_access_token", "access_token"}, &used);
    if (out.token.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--credentials file ", file,
          " has no mastodon_access_token: add a user token with the read:statuses scope"));
    }
    out.origin = absl::StrCat("file ", file, " key ", used);
    return out;
  }
  out.token = env("MASTODON_ACCESS_TOKEN");
  if (out.token.empty()) {
    return absl::NotFoundError(
        "no Mastodon token: pass --credentials FILE with mastodon_access_token or set "
        "MASTODON_ACCESS_TOKEN (a user token with read:statuses; Mastodon 4.2+ requires one)");
  }
  out.origin = "environment MASTODON_ACCESS_TOKEN";
  return out;
}

}  // namespace firecount
