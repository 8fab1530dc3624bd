#include "core/output_format.h"

#include "core/snapshot_encoding.h"
#include "gtest/gtest.h"

namespace firecount {
namespace {

struct Fixture {
  StateTotals totals;
  Ranking ranking;
  BatchResult result;
  Fixture(Ranking r, uint64_t distinct) : ranking(std::move(r)) {
    totals.tweets = 3;
    totals.tokens = 9;
    result.batch = 4;
    result.time_ms = 1539202764000;
    result.totals = &totals;
    result.ranking = &ranking;
    result.distinct = distinct;
    result.source = "file:x.json";
  }
};

TEST(PythonReprTest, MatchesPython3) {
  // Each expectation is what python3 prints for repr(s).
  EXPECT_EQ(python_repr("the"), "'the'");
  EXPECT_EQ(python_repr(""), "''");
  EXPECT_EQ(python_repr("it's"), "\"it's\"");
  EXPECT_EQ(python_repr("a'b\"c"), "'a\\'b\"c'");
  EXPECT_EQ(python_repr("say \"hi\""), "'say \"hi\"'");
  EXPECT_EQ(python_repr("back\\slash"), "'back\\\\slash'");
  EXPECT_EQ(python_repr("a\tb\rc"), "'a\\tb\\rc'");
  EXPECT_EQ(python_repr("\x01\x7f"), "'\\x01\\x7f'");
  EXPECT_EQ(python_repr("名前😂"), "'名前😂'");
  EXPECT_EQ(python_repr("\xc2\xa0"), "'\\xa0'");                // NO-BREAK SPACE (Zs)
  EXPECT_EQ(python_repr("\xe3\x80\x80"), "'\\u3000'");          // IDEOGRAPHIC SPACE (Zs)
  EXPECT_EQ(python_repr("a\xe2\x80\x8d"), "'a\\u200d'");        // ZERO WIDTH JOINER (Cf)
  EXPECT_EQ(python_repr("\xf3\xa0\x80\x81"), "'\\U000e0001'");  // LANGUAGE TAG (Cf)
  EXPECT_EQ(python_repr("e\xcc\x81"), "'e\xcc\x81'");           // combining mark is printable
}

TEST(OutputFormatTest, PprintLikeDStream) {
  Fixture f({{"RT", 74}, {"it's", 3}, {"", 2}}, 10);
  EXPECT_EQ(format_batch(OutputKind::kPprint, f.result, 3),
            "-------------------------------------------\n"
            "Time: 2018-10-10 20:19:24\n"
            "-------------------------------------------\n"
            "('RT', 74)\n"
            "(\"it's\", 3)\n"
            "('', 2)\n"
            "...\n"
            "\n");
}

TEST(OutputFormatTest, PprintWithoutMoreHasNoEllipsis) {
  Fixture f({{"a", 1}}, 1);
  EXPECT_EQ(format_batch(OutputKind::kPprint, f.result, 30),
            "-------------------------------------------\n"
            "Time: 2018-10-10 20:19:24\n"
            "-------------------------------------------\n"
            "('a', 1)\n"
            "\n");
}

TEST(OutputFormatTest, TableLikeTheConsoleSink) {
  Fixture f({{"RT", 74}, {"a", 3}}, 5);
  EXPECT_EQ(format_batch(OutputKind::kTable, f.result, 2),
            "-------------------------------------------\n"
            "Batch: 4\n"
            "-------------------------------------------\n"
            "+----+---+\n"
            "|word|cnt|\n"
            "+----+---+\n"
            "|  RT| 74|\n"
            "|   a|  3|\n"
            "+----+---+\n"
            "only showing top 2 rows\n"
            "\n");
}

TEST(OutputFormatTest, TableTruncatesAndCountsWideCharacters) {
  Fixture f({{"abcdefghijklmnopqrstuvwxyz", 1000}, {"名前", 7}}, 2);
  EXPECT_EQ(format_batch(OutputKind::kTable, f.result, 30),
            "-------------------------------------------\n"
            "Batch: 4\n"
            "-------------------------------------------\n"
            "+--------------------+----+\n"
            "|                word| cnt|\n"
            "+--------------------+----+\n"
            "|abcdefghijklmnopq...|1000|\n"
            "|                名前|   7|\n"
            "+--------------------+----+\n"
            "\n");
  EXPECT_EQ(spark_display_width("名前"), 4u);
  EXPECT_EQ(spark_display_width("😂"), 2u);  // two UTF-16 units
}

TEST(OutputFormatTest, JsonIsOneLinePerBatch) {
  Fixture f({{"a\"b", 2}, {"\n", 1}}, 2);
  EXPECT_EQ(format_batch(OutputKind::kJson, f.result, 30),
            "{\"batch\":4,\"time\":\"2018-10-10T20:19:24.000Z\",\"tweets\":3,\"tokens\":9,"
            "\"distinct\":2,\"top\":[[\"a\\\"b\",2],[\"\\n\",1]]}\n");
  EXPECT_EQ(format_batch(OutputKind::kJson, f.result, 1).find("\\n"), std::string::npos);
}

TEST(SnapshotEncodingTest, HoldsBatchTotalsAndTop) {
  Fixture f({{"a", 2}}, 1);
  f.result.final = true;
  const std::string s = encode_snapshot(f.result);
  EXPECT_EQ(s.rfind("{\"version\":1,\"batch\":4,\"time\":\"2018-10-10T20:19:24.000Z\","
                    "\"final\":true,\"source\":\"file:x.json\",\"totals\":{\"tweets\":3,",
                    0),
            0u);
  EXPECT_NE(s.find("\"messages\":{\"tweet\":0,\"delete\":0,"), std::string::npos);
  EXPECT_NE(s.find("\"top\":[[\"a\",2]]}"), std::string::npos);
}

}  // namespace
}  // namespace firecount
