#pragma once
// Credentials for the live sources, from a JSON file (--credentials FILE) or the environment.
//
//   Twitter v1.1 (OAuth 1.0a): the seed's names API_key, API_secret_key, access_token,
//     access_token_secret or the docs' names consumerKey, consumerSecret, accessTokenKey,
//     accessTokenSecret; environment TWITTER_CONSUMER_KEY, TWITTER_CONSUMER_SECRET,
//     TWITTER_ACCESS_TOKEN, TWITTER_ACCESS_TOKEN_SECRET.
//   X v2 (Bearer): bearer_token (or bearerToken); environment X_BEARER_TOKEN, then
//     TWITTER_BEARER_TOKEN.
//   Mastodon (user token with read:statuses): mastodon_access_token, else access_token;
//     environment MASTODON_ACCESS_TOKEN.
//
// `origin` says where each value came from ("file /path keys API_key, …" or "environment
// TWITTER_CONSUMER_KEY, …") so a 401 can tell the user what to fix; it never holds a value.
//
// Threading: the load functions are thread-safe (they only read the file and the environment).

#include <string>

#include "absl/status/statusor.h"
#include "core/oauth1.h"

namespace firecount {

struct OAuth1Credentials {
  OAuthCredentials keys;
  std::string origin;  // where they came from, without values
};

struct BearerCredentials {
  std::string token;
  std::string origin;
};

// Errors: NotFound (file missing / nothing in the environment: names the keys and variables to
// set), InvalidArgument (not a JSON object, a key that is not a string, a partial key set).
absl::StatusOr<OAuth1Credentials> load_oauth1_credentials(const std::string& file);
absl::StatusOr<BearerCredentials> load_x_bearer_credentials(const std::string& file);
absl::StatusOr<BearerCredentials> load_mastodon_credentials(const std::string& file);

}  // namespace firecount
