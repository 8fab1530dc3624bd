#pragma once
// XRulesClient: the X API v2 filtered-stream rules endpoint (GET / POST
// /2/tweets/search/stream/rules) behind `firecount rules list|add|delete`.
//
// One HTTPS request per call, with the same TLS verification, timeouts and single-line errors as
// the live sources; the Bearer token comes from io/credentials.h and never appears in an error.
//
// Threading: each call is self-contained (own io_context); calls may run on any thread.

#include <chrono>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace firecount {

struct XRule {
  std::string id;
  std::string value;
  std::string tag;
};

struct XRulesResult {
  std::vector<XRule> rules;         // list: the rules; add: the rules created
  std::string summary;              // meta.summary as "created=1 not_created=0 …", or ""
  std::vector<std::string> errors;  // "title: detail (value)" per rejected rule
};

struct XRulesClientOptions {
  std::string endpoint = "https://api.x.com/2/tweets/search/stream/rules";
  std::string ca_file;
  std::string credentials_file;  // bearer_token, else X_BEARER_TOKEN / TWITTER_BEARER_TOKEN
  std::chrono::milliseconds timeout{15'000};
  bool dry_run = false;  // add/delete: ?dry_run=true (validate only)
};

// Errors: the credential errors of io/credentials.h, Unavailable for network / TLS failures,
// and FailedPrecondition for a non-2xx answer (the message says what to do).
absl::StatusOr<XRulesResult> list_x_rules(const XRulesClientOptions& options);
absl::StatusOr<XRulesResult> add_x_rules(const XRulesClientOptions& options,
                                         const std::vector<XRule>& rules);
absl::StatusOr<XRulesResult> delete_x_rules(const XRulesClientOptions& options,
                                            const std::vector<std::string>& ids);

}  // namespace firecount
