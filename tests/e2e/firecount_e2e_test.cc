// End-to-end runs of the real binary. Expected counts come from an independent reference, the
// seed's logic in plain Python (tests/reference/seed_wordcount.py), never from firecount itself.

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "simdjson.h"

namespace firecount {
namespace {

const std::string kBinary = FIRECOUNT_BINARY;
const std::string kSourceDir = FIRECOUNT_SOURCE_DIR;
const std::string kFixture = FIRECOUNT_FIXTURE;

struct Result {
  int exit_code;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class E2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = ::testing::TempDir() + "firecount_e2e_" + info->name() + "_" + std::to_string(getpid());
    std::system(("rm -rf '" + dir_ + "' && mkdir -p '" + dir_ + "'").c_str());
  }
  void TearDown() override { std::system(("rm -rf '" + dir_ + "'").c_str()); }

  Result sh(const std::string& command) {
    const std::string out = dir_ + "/stdout", err = dir_ + "/stderr";
    const int status = std::system(
        ("cd '" + dir_ + "' && { " + command + "\n} >'" + out + "' 2>'" + err + "'").c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  }

  // The fixture's statuses, one per line (json.dumps: \u escapes; or raw UTF-8 with CRLF).
  std::string fixture_ndjson(bool raw_utf8_crlf) {
    const std::string path = dir_ + (raw_utf8_crlf ? "/fixture_raw.ndjson" : "/fixture.ndjson");
    const std::string py = std::string("import json,sys\n") + "d=json.load(open(sys.argv[1]))\n" +
                           "with open(sys.argv[2],'w',encoding='utf-8',newline='') as f:\n" +
                           "  for s in d['statuses']: f.write(json.dumps(s,ensure_ascii=" +
                           (raw_utf8_crlf ? "False" : "True") + ")+" +
                           (raw_utf8_crlf ? "'\\r\\n'" : "'\\n'") + ")\n";
    std::ofstream(dir_ + "/to_ndjson.py") << py;
    EXPECT_EQ(sh("python3 to_ndjson.py '" + kFixture + "' '" + path + "'").exit_code, 0);
    return path;
  }

  std::string reference(const std::string& file, const std::string& extra = "") {
    const Result r = sh("python3 '" + kSourceDir + "/tests/reference/seed_wordcount.py' '" + file +
                        "' --top 0 " + extra);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  // Compares firecount's --output json (last line) with the reference's JSON, word by word.
  void expect_same_counts(const std::string& firecount_out, const std::string& reference_out) {
    const std::string last = firecount_out.substr(
        firecount_out.rfind('\n', firecount_out.size() - 2) == std::string::npos
            ? 0
            : firecount_out.rfind('\n', firecount_out.size() - 2) + 1);
    simdjson::dom::parser p1, p2;
    simdjson::dom::element a, b;
    ASSERT_FALSE(p1.parse(last).get(a)) << last;
    ASSERT_FALSE(p2.parse(reference_out).get(b)) << reference_out;
    for (const char* key : {"tweets", "tokens", "distinct"}) {
      EXPECT_EQ(uint64_t(a[key]), uint64_t(b[key])) << key;
    }
    simdjson::dom::array ta = a["top"], tb = b["top"];
    ASSERT_EQ(ta.size(), tb.size());
    ASSERT_GT(ta.size(), 0u);
    auto ia = ta.begin();
    auto ib = tb.begin();
    for (; ia != ta.end(); ++ia, ++ib) {
      simdjson::dom::array ea = *ia, eb = *ib;
      ASSERT_EQ(std::string_view(ea.at(0)), std::string_view(eb.at(0)));
      ASSERT_EQ(uint64_t(ea.at(1)), uint64_t(eb.at(1))) << std::string_view(ea.at(0));
    }
  }

  std::string dir_;
};

constexpr const char* kAll = " --once --tokenizer split --output json --top 100000000";

TEST_F(E2eTest, FixtureMatchesTheSeedLogicForEveryWord) {
  for (bool raw : {false, true}) {
    const std::string file = fixture_ndjson(raw);
    for (const char* threads : {"1", "2", "3"}) {
      const Result r = sh(kBinary + " --source file:" + file + kAll + " --threads " + threads);
      ASSERT_EQ(r.exit_code, 0) << r.err;
      expect_same_counts(r.out, reference(file));
    }
  }
}

TEST_F(E2eTest, SyntheticStreamMatchesTheSeedLogicForEveryWord) {
  ASSERT_EQ(sh(kBinary + " gen --tweets 4000 --seed 11 > syn.ndjson").exit_code, 0);
  const std::string file = dir_ + "/syn.ndjson";
  const std::string expected = reference(file);
  const Result r = sh(kBinary + " --source file:" + file + kAll);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_counts(r.out, expected);
  // The in-process synthetic source produces the same stream as `gen`.
  const Result s = sh(kBinary + " --source synthetic --tweets 4000 --seed 11" + kAll);
  ASSERT_EQ(s.exit_code, 0) << s.err;
  expect_same_counts(s.out, expected);
}

// A regular file is mapped (io/mapped_file.h); stdin through a pipe is read(): the same bytes must
// count the same, every word.
TEST_F(E2eTest, MappedFileAndStdinPipeCountTheSame) {
  ASSERT_EQ(sh(kBinary + " gen --tweets 3000 --seed 5 > syn.ndjson").exit_code, 0);
  // A last line without "\n" and an oversize-free tail shorter than the 64-byte padding.
  std::ofstream(dir_ + "/syn.ndjson", std::ios::app) << "{\"text\":\"tail words\"}";
  for (const char* threads : {"1", "2"}) {
    const Result mapped =
        sh(kBinary + " --source file:syn.ndjson" + kAll + " --threads " + threads);
    const Result piped =
        sh("cat syn.ndjson | " + kBinary + " --source stdin" + kAll + " --threads " + threads);
    ASSERT_EQ(mapped.exit_code, 0) << mapped.err;
    ASSERT_EQ(piped.exit_code, 0) << piped.err;
    const std::string last =
        piped.out.substr(piped.out.rfind('\n', piped.out.size() - 2) == std::string::npos
                             ? 0
                             : piped.out.rfind('\n', piped.out.size() - 2) + 1);
    expect_same_counts(mapped.out, last);
    EXPECT_NE(mapped.out.find("[\"tail\",1]"), std::string::npos);
  }
}

TEST_F(E2eTest, SkipRetweetsMatchesTheReference) {
  const std::string file = fixture_ndjson(false);
  const Result r = sh(kBinary + " --source file:" + file + kAll + " --skip-retweets");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_counts(r.out, reference(file, "--skip-retweets"));
  EXPECT_NE(r.err.find("73 retweets skipped"), std::string::npos) << r.err;
}

TEST_F(E2eTest, TextInputFromStdinIsTheSeedSocketFormat) {
  std::ofstream(dir_ + "/texts.txt") << "RT @a: hello  world\r\nhello\n\nlast line";
  const Result r =
      sh("cat texts.txt | " + kBinary +
         " --source stdin --input-format text --once --tokenizer split --output json --top 10");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_counts(r.out, reference(dir_ + "/texts.txt", "--format text"));
}

TEST_F(E2eTest, MalformedLinesAreCountedReportedOnceAndSkipped) {
  const std::string file = fixture_ndjson(false);
  const std::string fixture = slurp(file);
  std::ofstream(dir_ + "/mixed.ndjson", std::ios::binary)
      << fixture.substr(0, 3000) << "\nnot json\n{\"text\":\"\xff\"}\n"
      << fixture << "{\"delete\":{\"status\":{\"id\":1}}}\n\r\n";
  const Result r = sh(kBinary + " --source file:mixed.ndjson" + kAll);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_counts(r.out, reference(dir_ + "/mixed.ndjson"));
  EXPECT_NE(r.err.find("skipped a malformed line at byte 0 of file:mixed.ndjson"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("2 malformed, 1 invalid_utf8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 delete"), std::string::npos) << r.err;
}

TEST_F(E2eTest, PprintAndTableOutputs) {
  const std::string file = fixture_ndjson(false);
  Result r = sh(kBinary + " --source file:" + file + " --once --tokenizer split --top 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("-------------------------------------------\nTime: "), 0u) << r.out;
  EXPECT_NE(r.out.find("-------------------------------------------\n('RT', 74)\n"
                       "('@shiawaseomamori:', 58)\n...\n\n"),
            std::string::npos)
      << r.out;
  r = sh(kBinary + " --source file:" + file + " --once --tokenizer split --top 1 --output table");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "-------------------------------------------\nBatch: 0\n"
            "-------------------------------------------\n"
            "+----+---+\n|word|cnt|\n+----+---+\n|  RT| 74|\n+----+---+\n"
            "only showing top 1 row\n\n");
}

TEST_F(E2eTest, SnapshotIsWrittenAtomically) {
  const std::string file = fixture_ndjson(false);
  const Result r = sh(kBinary + " --source file:" + file + " --once --snapshot-dir snaps/x");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string snapshot = slurp(dir_ + "/snaps/x/latest.json");
  EXPECT_EQ(snapshot.rfind("{\"version\":1,\"batch\":0,", 0), 0u) << snapshot;
  EXPECT_NE(snapshot.find("\"final\":true"), std::string::npos);
  EXPECT_NE(snapshot.find("\"tweets\":100,"), std::string::npos);
  EXPECT_EQ(sh("ls -A snaps/x").out, "latest.json\n");  // no temp file left behind
}

TEST_F(E2eTest, PeriodicBatchesCarryRunningTotals) {
  const Result r = sh(kBinary +
                      " --source synthetic --rate 5000 --duration 1200ms --batch 200ms "
                      "--output json --top 3");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  uint64_t batches = 0, last_tweets = 0, last_batch = 0;
  simdjson::dom::parser parser;
  while (std::getline(lines, line)) {
    simdjson::dom::element e;
    ASSERT_FALSE(parser.parse(line).get(e)) << line;
    const uint64_t batch = e["batch"], tweets = e["tweets"];
    if (batches > 0) EXPECT_EQ(batch, last_batch + 1);
    EXPECT_GE(tweets, last_tweets);
    last_batch = batch;
    last_tweets = tweets;
    ++batches;
  }
  EXPECT_GE(batches, 4u) << r.out;
  EXPECT_GT(last_tweets, 2000u);
  EXPECT_LT(last_tweets, 9000u);  // paced at 5000/s for 1.2 s
}

TEST_F(E2eTest, SigintFinishesTheBatchWritesTheSnapshotAndExitsZero) {
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ASSERT_EQ(chdir(dir_.c_str()), 0);
    freopen("stdout", "w", stdout);
    freopen("stderr", "w", stderr);
    execl(kBinary.c_str(), kBinary.c_str(), "--source", "synthetic", "--duration", "60s",
          "--output", "json", "--rate", "2000", static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  const auto t0 = std::chrono::steady_clock::now();
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << slurp(dir_ + "/stderr");
  const std::string snapshot = slurp(dir_ + "/result/snapshots/latest.json");
  EXPECT_NE(snapshot.find("\"final\":true"), std::string::npos) << snapshot;
  EXPECT_NE(slurp(dir_ + "/stderr").find("done (signal)"), std::string::npos);
}

// --tokenizer words end to end: the same texts (the seed's text rule) tokenized by the PyICU
// reference implementation of docs/tokenizer.md, counted in Python.
TEST_F(E2eTest, WordsTokenizerOnTheFixtureMatchesThePyIcuReference) {
  if (std::system("/usr/bin/python3 -c 'import icu' 2>/dev/null") != 0) {
    GTEST_SKIP() << "python3-icu is not installed (tools/install_deps.sh installs it)";
  }
  const std::string file = fixture_ndjson(true);
  std::ofstream(dir_ + "/words_count.py")
      << "import json, subprocess, sys\n"
         "from collections import Counter\n"
         "sys.path.insert(0, sys.argv[2])\n"
         "from seed_wordcount import text_of\n"
         "texts = []\n"
         "for line in open(sys.argv[1], encoding='utf-8'):\n"
         "    if line.strip():\n"
         "        t = text_of(json.loads(line))\n"
         "        if t is not None: texts.append(t)\n"
         "out = subprocess.run(['/usr/bin/python3', sys.argv[2] + '/words_reference.py'],\n"
         "    input=''.join(json.dumps(t) + '\\n' for t in texts), capture_output=True,\n"
         "    text=True, check=True).stdout\n"
         "c = Counter(); n = 0\n"
         "for line in out.splitlines():\n"
         "    toks = json.loads(line); c.update(toks); n += len(toks)\n"
         "top = sorted(c.items(), key=lambda kv: (-kv[1], kv[0].encode('utf-8')))\n"
         "print(json.dumps({'tweets': len(texts), 'tokens': n, 'distinct': len(c),\n"
         "                  'top': [[w, k] for w, k in top]}, ensure_ascii=False))\n";
  const Result ref =
      sh("/usr/bin/python3 words_count.py '" + file + "' '" + kSourceDir + "/tests/reference'");
  ASSERT_EQ(ref.exit_code, 0) << ref.err;
  const Result r = sh(kBinary + " --source file:" + file +
                      " --once --tokenizer words --output json --top 100000000");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_counts(r.out, ref.out);
}

TEST_F(E2eTest, BadUsageExitsTwoAndNamesTheFlag) {
  Result r = sh(kBinary + " --output xml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "firecount: --output: unknown value 'xml' (accepted: pprint, table, json)\n");
  r = sh(kBinary + " --threads 0");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--threads"), std::string::npos);
  r = sh(kBinary + " --bogus");
  EXPECT_EQ(r.exit_code, 2);
  r = sh(kBinary + " --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Usage: firecount"), std::string::npos);
}

TEST_F(E2eTest, BenchChecksItsAnswerAndTakesTheEngineSchedulingFlags) {
  Result r = sh(kBinary +
                " bench --tweets 3000 --threads 1,2 --repeat 1 --worker-nice 0 --fold-words 512");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("3000 tweets"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("scheduling: workers at nice +0 from the coordinator; coordinator at nice "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("reference: 3000 tweets"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n| 1 |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n| 2 |"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("WRONG"), std::string::npos) << r.out;
  // Raised or not, depending on the privileges the test runs with; --coordinator-boost 0 never is.
  EXPECT_TRUE(r.out.find(" (raised 15 steps)\n") != std::string::npos ||
              r.out.find(" (not raised: that needs root, CAP_SYS_NICE or RLIMIT_NICE)\n") !=
                  std::string::npos)
      << r.out;
  r = sh(kBinary + " bench --tweets 500 --threads 1 --repeat 1 --coordinator-boost 0");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("coordinator at nice 0 (--coordinator-boost 0)\n"), std::string::npos)
      << r.out;
  // Without CAP_SYS_NICE (dropped by setpriv when the test runs as root; an unprivileged user has
  // none) the coordinator stays where it is and the run goes on.
  const std::string small = " bench --tweets 500 --threads 1 --repeat 1";
  r = sh("if [ \"$(id -u)\" = 0 ]; then setpriv --inh-caps=-sys_nice --bounding-set=-sys_nice -- " +
         kBinary + small + "; else " + kBinary + small + "; fi");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("coordinator at nice 0 (not raised: that needs root, CAP_SYS_NICE or "
                       "RLIMIT_NICE)\n"),
            std::string::npos)
      << r.out;
  r = sh(kBinary + " bench --worker-nice 20");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--worker-nice: expected a whole number from 0 to 19, got '20'"),
            std::string::npos)
      << r.err;
}

TEST_F(E2eTest, RuntimeFailuresExitOneWithAMessage) {
  Result r = sh(kBinary + " --source file:does-not-exist.json --once");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot open file:does-not-exist.json: No such file or directory"),
            std::string::npos)
      << r.err;
  std::ofstream(dir_ + "/blocker") << "a file where the directory should be";
  r = sh(kBinary + " --source file:" + fixture_ndjson(false) + " --once --snapshot-dir blocker/x");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot create snapshot directory blocker/x"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace firecount
