// Compares the C++ words tokenizer with the independent Python reference implementation
// (tests/reference/words_reference.py, PyICU) on the fixture's tweets, the rule table and seeded
// random texts. Needs /usr/bin/python3 with python3-icu (tools/install_deps.sh installs it).

#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/words_tokenizer.h"
#include "tests/core/words_cases.h"
#include "tests/core/words_test_util.h"

namespace firecount {
namespace {

using testing::Tokens;

constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kReference = FIRECOUNT_SOURCE_DIR "/tests/reference/words_reference.py";

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20 || u == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out.append(buf);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

std::string temp_path(const char* name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/firecount_words_reference_" +
         std::to_string(::getpid()) + "_" + name;
}

// Runs the reference over `texts`; one token list per text, or an error message in `error`.
std::vector<Tokens> run_reference(const std::vector<std::string>& texts, std::string& error) {
  const std::string in_path = temp_path("in.jsonl");
  const std::string out_path = temp_path("out.jsonl");
  {
    std::ofstream in(in_path, std::ios::binary);
    for (const std::string& text : texts) in << json_string(text) << '\n';
  }
  const std::string command = std::string(kPython) + " " + kReference + " < " + in_path + " > " +
                              out_path + " 2> " + out_path + ".err";
  const int rc = std::system(command.c_str());
  std::vector<Tokens> result;
  if (rc != 0) {
    std::ifstream err(out_path + ".err");
    std::stringstream msg;
    msg << err.rdbuf();
    error = "`" + command + "` failed (" + std::to_string(rc) + "): " + msg.str() +
            " (install python3-icu with tools/install_deps.sh)";
  } else {
    std::ifstream out(out_path, std::ios::binary);
    simdjson::dom::parser parser;
    for (std::string line; std::getline(out, line);) {
      simdjson::dom::array array;
      if (parser.parse(line).get(array) != simdjson::SUCCESS) {
        error = "unparsable reference output: " + line;
        break;
      }
      Tokens tokens;
      for (simdjson::dom::element e : array) tokens.emplace_back(std::string_view(e));
      result.push_back(std::move(tokens));
    }
  }
  std::remove(in_path.c_str());
  std::remove(out_path.c_str());
  std::remove((out_path + ".err").c_str());
  return result;
}

TEST(WordsReferenceTest, MatchesPythonReference) {
  std::vector<std::string> texts = testing::fixture_texts();
  ASSERT_EQ(texts.size(), 100u) << "fixture missing: " << FIRECOUNT_FIXTURE;
  for (const testing::Case& c : testing::cases()) texts.push_back(c.text);
  for (std::string& t : testing::random_unicode_texts(7, 3000)) texts.push_back(std::move(t));
  for (std::string& t : testing::random_ascii_texts(8, 1000)) texts.push_back(std::move(t));
  for (std::string& t : testing::random_normalization_texts(9, 1000)) texts.push_back(std::move(t));

  std::string error;
  const std::vector<Tokens> want = run_reference(texts, error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_EQ(want.size(), texts.size());

  auto tokenizer = testing::new_words_tokenizer();
  ASSERT_NE(tokenizer, nullptr);
  size_t mismatches = 0;
  size_t tokens = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    const Tokens got = testing::words_of(*tokenizer, texts[i]);
    tokens += got.size();
    if (got != want[i] && ++mismatches <= 10) {
      ADD_FAILURE() << "text #" << i << ": " << json_string(texts[i])
                    << "\n  C++:    " << ::testing::PrintToString(got)
                    << "\n  Python: " << ::testing::PrintToString(want[i]);
    }
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GT(tokens, texts.size());
}

}  // namespace
}  // namespace firecount
