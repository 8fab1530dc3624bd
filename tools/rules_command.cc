// `firecount rules list|add|delete`: manage the X API v2 filtered-stream rules that decide what
// `--source x:filter` receives. Parses its own flags; the work is io/x_rules_client.
//
//   firecount rules list   [--credentials FILE] [--endpoint URL] [--ca-file PEM]
//   firecount rules add    --rule VALUE [--tag TAG] [--rule VALUE [--tag TAG]]... [--dry-run]
//   firecount rules delete --id ID [--id ID]... [--dry-run]
//
// Output: list prints "id<TAB>value<TAB>tag" per rule; add/delete print the server's summary and
// one line per rejected rule. Exit codes: 0 ok, 1 failure (message on stderr), 2 bad usage.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "io/x_rules_client.h"
#include "tools/commands.h"

namespace firecount {
namespace {

constexpr char kUsage[] =
    "usage: firecount rules list|add|delete [options]\n"
    "  list                      print the filtered-stream rules (id, value, tag)\n"
    "  add --rule VALUE [--tag TAG] ...   add rules (each --tag applies to the --rule before it)\n"
    "  delete --id ID ...        delete rules by id\n"
    "options:\n"
    "  --credentials FILE  JSON file with bearer_token (else $X_BEARER_TOKEN)\n"
    "  --endpoint URL      rules endpoint (default "
    "https://api.x.com/2/tweets/search/stream/rules)\n"
    "  --ca-file PEM       extra trusted CA certificates\n"
    "  --dry-run           validate add/delete without changing anything\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "firecount rules: %s\n%s", message.c_str(), kUsage);
  return 2;
}

void print_result(const XRulesResult& r, bool list) {
  for (const XRule& rule : r.rules) {
    std::printf("%s\t%s\t%s\n", rule.id.c_str(), rule.value.c_str(), rule.tag.c_str());
  }
  if (list && r.rules.empty()) std::fprintf(stderr, "firecount rules: no rules\n");
  if (!r.summary.empty()) std::printf("summary: %s\n", r.summary.c_str());
  for (const std::string& e : r.errors) std::printf("rejected: %s\n", e.c_str());
}

}  // namespace

int run_rules_command(int argc, char** argv) {
  if (argc < 2) return usage_error("missing list, add or delete");
  std::string_view action = argv[1];
  if (action == "--help" || action == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  XRulesClientOptions options;
  std::vector<XRule> rules;
  std::vector<std::string> ids;
  for (int i = 2; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "--dry-run") {
      options.dry_run = true;
      continue;
    }
    if (i + 1 >= argc) return usage_error(std::string(flag) + " needs a value");
    std::string value = argv[++i];
    if (flag == "--credentials")
      options.credentials_file = value;
    else if (flag == "--endpoint")
      options.endpoint = value;
    else if (flag == "--ca-file")
      options.ca_file = value;
    else if (flag == "--rule")
      rules.push_back({"", value, ""});
    else if (flag == "--tag") {
      if (rules.empty()) return usage_error("--tag must follow a --rule");
      rules.back().tag = value;
    } else if (flag == "--id")
      ids.push_back(value);
    else
      return usage_error("unknown flag " + std::string(flag));
  }
  absl::StatusOr<XRulesResult> result;
  if (action == "list") {
    result = list_x_rules(options);
  } else if (action == "add") {
    if (rules.empty()) return usage_error("add needs at least one --rule");
    result = add_x_rules(options, rules);
  } else if (action == "delete") {
    if (ids.empty())
      return usage_error("delete needs at least one --id (see `firecount rules list`)");
    result = delete_x_rules(options, ids);
  } else {
    return usage_error("unknown action " + std::string(action));
  }
  if (!result.ok()) {
    std::fprintf(stderr, "firecount rules %s: %s\n", std::string(action).c_str(),
                 std::string(result.status().message()).c_str());
    return 1;
  }
  print_result(*result, action == "list");
  return result->errors.empty() ? 0 : 1;
}

}  // namespace firecount
