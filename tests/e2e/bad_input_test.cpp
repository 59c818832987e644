// Every input shape and every bad-input case, end to end: each asserts the exact line a user sees
// on stderr, the exit status, and that the summary balances (read = matched + not matched +
// skipped).
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/temp_dir.h"

using tb::e2e::expect_balanced;
using tb::e2e::parse_summary;
using tb::e2e::record;
using tb::e2e::run_trailbook;
using tb::e2e::RunResult;
using tb::e2e::TempDir;

namespace {

const std::string kRunbooks = "scan tests/data/runbooks/ --format jsonl --input ";

// Damaged where the runbooks read, in a record the prefilter lets through.
const std::string kDamaged =
    R"({"eventSource":"iam.amazonaws.com","eventName":"PutRolePolicy","sourceIPAddress":tru})";

void expect_line(const RunResult& r, const std::string& line) {
  EXPECT_NE(("\n" + r.err).find("\n" + line + "\n"), std::string::npos) << "no line\n"
                                                                        << line << "\nin:\n"
                                                                        << r.err;
}

std::string zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
  return out;
}

std::string gzip(const std::string& data) {
  uLongf size = compressBound(static_cast<uLong>(data.size())) + 32;
  std::string out(size, '\0');
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string lines(int count, const std::string& event_name) {
  std::string out;
  for (int i = 0; i < count; ++i) out += record(i, event_name) + "\n";
  return out;
}

// "{"a":[[[...1...]]]}" with `levels` containers in all, the record itself included.
std::string nested(int levels) {
  return R"({"eventName":"PutRolePolicy","eventSource":"iam.amazonaws.com","requestParameters":)" +
         std::string(levels - 1, '[') + "1" + std::string(levels - 1, ']') + "}";
}

TEST(Stdin, DashReadsJsonLinesFromStandardInputAndNamesIt) {
  TempDir dir;
  const std::string file = dir.file(
      "t.jsonl", record(0, "PutRolePolicy") + "\n" + kDamaged + "\n" + record(2, "GetRole") + "\n");
  const RunResult r = run_trailbook(kRunbooks + "- < " + file);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_NE(r.err.find("trailbook: warning: <stdin>: record 1 (line 2): malformed record: "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find(R"("file":"<stdin>")"), std::string::npos) << r.out;
  const auto s = parse_summary(r.err);
  EXPECT_EQ(s.records, 3);
  EXPECT_EQ(s.matched, 1);
  EXPECT_EQ(s.skipped, 1);
}

// A stream longer than the 8 MiB read chunk: records and lines keep their numbers across chunk
// boundaries, and the findings are those of the same bytes read as a file.
TEST(Stdin, ALongStreamIsReadInChunksWithTheSameResultAsTheFile) {
  TempDir dir;
  std::string text;
  for (int i = 0; text.size() < (20u << 20); ++i) {
    text += (i % 5000 == 4999 ? std::string(kDamaged)
                              : record(i, i % 1000 == 7 ? "PutRolePolicy" : "GetRole")) +
            "\n";
  }
  const std::string file = dir.file("big.jsonl", text);
  const RunResult piped =
      tb::e2e::run_shell("cat " + file + " | " TB_TRAILBOOK_BIN " " + kRunbooks + "- -q");
  const RunResult direct = run_trailbook(kRunbooks + file + " -q");
  EXPECT_EQ(piped.exit_code, 3) << piped.err;
  expect_balanced(piped);
  const auto s = parse_summary(piped.err);
  EXPECT_EQ(s.records, parse_summary(direct.err).records);
  EXPECT_EQ(s.matched, parse_summary(direct.err).matched);
  EXPECT_GT(s.matched, 10);
  EXPECT_GT(s.skipped, 3);
  std::string expected = direct.out;
  for (size_t at; (at = expected.find(file)) != std::string::npos;) {
    expected.replace(at, file.size(), "<stdin>");
  }
  EXPECT_EQ(piped.out, expected);
  std::string expected_err = direct.err.substr(0, direct.err.rfind("trailbook: 1 file"));
  for (size_t at; (at = expected_err.find(file)) != std::string::npos;) {
    expected_err.replace(at, file.size(), "<stdin>");
  }
  EXPECT_EQ(piped.err.substr(0, piped.err.rfind("trailbook: 1 file")), expected_err);
}

// A file without read permission. Root reads anything, so as root the scan runs as nobody
// (setpriv, util-linux), which is how CI runs it.
TEST(Unreadable, AFileWithoutReadPermissionIsNamedAndTheRestIsScanned) {
  TempDir dir;
  const std::string good = dir.file("logs/a.jsonl", lines(2, "PutRolePolicy"));
  const std::string locked = dir.file("logs/b.jsonl", lines(2, "PutRolePolicy"));
  ASSERT_EQ(::chmod(locked.c_str(), 0), 0);
  ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);
  std::string as_user;
  if (::geteuid() == 0) {
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    // The checkout may live where nobody cannot go (under /root): then there is no one to be.
    const std::string can_run = as_user + "test -x " TB_TRAILBOOK_BIN
                                          " -a -r tests/data/runbooks/iam_role_policy_changes.tb";
    if (tb::e2e::run_shell(can_run).exit_code != 0) {
      GTEST_SKIP() << "no setpriv, or nobody cannot run trailbook from this checkout";
    }
  }
  const RunResult r =
      tb::e2e::run_shell(as_user + TB_TRAILBOOK_BIN " " + kRunbooks + good + " " + locked + " -q");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_NE(r.err.find("trailbook: warning: " + locked + ": cannot open: permission denied"),
            std::string::npos)
      << r.err;
  const auto s = parse_summary(r.err);
  EXPECT_EQ(s.records, 2);
  EXPECT_EQ(s.matched, 2);
}

TEST(Stdin, GzipAndDeliveryDocumentsComeThroughAPipe) {
  TempDir dir;
  const std::string gz = dir.file("t.json.gz", gzip(R"({"Records":[)" + record(0, "PutRolePolicy") +
                                                    "," + record(1, "DeleteRolePolicy") + "]}"));
  const RunResult r =
      tb::e2e::run_shell("cat " + gz + " | " TB_TRAILBOOK_BIN " " + kRunbooks + "- -q");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  EXPECT_EQ(parse_summary(r.err).matched, 2) << r.err;
}

TEST(Zstd, DetectedByContentAndWalkedAsZst) {
  TempDir dir;
  dir.file("logs/a.json.zst", zstd(lines(3, "PutRolePolicy")));
  dir.file("logs/b.jsonl.zst", zstd(lines(2, "PutRolePolicy")));
  dir.file("logs/c.txt.zst", zstd(lines(5, "PutRolePolicy")));  // not a log name: not walked
  const std::string named = dir.file("no-suffix", zstd(lines(4, "PutRolePolicy")));
  const RunResult r = run_trailbook(kRunbooks + dir.path() + "/logs " + named + " -q");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  EXPECT_EQ(parse_summary(r.err).matched, 9) << r.err;
}

TEST(Zstd, TruncatedStreamKeepsThePrefixAndSaysWhere) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 2000; ++i)
    text += record(i, "PutRolePolicy", R"(,"n":)" + std::to_string(i * 7919)) + "\n";
  // A flush every 100 lines ends a block there, so a cut leaves whole blocks before it.
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  std::string packed(ZSTD_compressBound(text.size()) + 4096, '\0');
  ZSTD_outBuffer out{packed.data(), packed.size(), 0};
  const size_t step = text.size() / 20;
  for (size_t pos = 0; pos < text.size(); pos += step) {
    ZSTD_inBuffer in{text.data() + pos, std::min(step, text.size() - pos), 0};
    const bool last = pos + step >= text.size();
    size_t left = 1;
    while (left != 0 && !ZSTD_isError(left)) {
      left = ZSTD_compressStream2(cctx, &out, &in, last ? ZSTD_e_end : ZSTD_e_flush);
    }
  }
  packed.resize(out.pos);
  ZSTD_freeCCtx(cctx);
  const size_t cut_at = packed.size() / 2;
  const std::string cut = dir.file("cut.jsonl.zst", packed.substr(0, cut_at));
  const RunResult r = run_trailbook(kRunbooks + cut + " -q");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_NE(r.err.find("trailbook: warning: " + cut + ": zstd stream is truncated after "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(" decompressed bytes (the compressed data ends at byte " +
                       std::to_string(cut_at) + ")\n"),
            std::string::npos)
      << r.err;
  const auto s = parse_summary(r.err);
  EXPECT_GT(s.matched, 500) << r.err;  // the records before the cut are scanned
  EXPECT_LT(s.records, 2000);
  EXPECT_LE(s.skipped, 1);  // at most the line the cut went through
}

TEST(Zstd, CorruptStreamIsReported) {
  TempDir dir;
  std::string packed = zstd(lines(50, "PutRolePolicy"));
  for (size_t i = 20; i < 40; ++i) packed[i] = static_cast<char>(packed[i] ^ 0x5a);
  const std::string bad = dir.file("bad.json.zst", packed);
  const RunResult r = run_trailbook(kRunbooks + bad + " -q");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_NE(
      r.err.find("trailbook: warning: " + bad + ": zstd stream is corrupt at compressed byte "),
      std::string::npos)
      << r.err;
}

TEST(DecompressedSize, SmallCapStopsGzipAndZstdBombs) {
  TempDir dir;
  const std::string text = lines(100, "PutRolePolicy");
  const std::string gz = dir.file("bomb.json.gz", gzip(text));
  const std::string zst = dir.file("bomb.json.zst", zstd(text));
  for (const std::string& file : {gz, zst}) {
    const RunResult r = run_trailbook(kRunbooks + file + " -q --max-decompressed-size 4K");
    EXPECT_EQ(r.exit_code, 3) << r.err;
    expect_balanced(r);
    expect_line(
        r, "trailbook: warning: " + file + ": decompressed size exceeds the limit of 4096 bytes");
    const auto s = parse_summary(r.err);
    EXPECT_GT(s.matched, 10) << r.err;  // the first 4 KiB are still scanned
    EXPECT_LT(s.matched, 100) << r.err;
  }
  EXPECT_EQ(run_trailbook(kRunbooks + gz + " -q --max-decompressed-size 1M").exit_code, 0);
  const RunResult bad = run_trailbook(kRunbooks + gz + " -q --max-decompressed-size 12XB");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("not a size: '12XB'"), std::string::npos) << bad.err;
}

TEST(RecordSize, AnOversizeRecordIsSkippedWithItsSize) {
  TempDir dir;
  const std::string big = record(1, "PutRolePolicy", R"(,"pad":")" + std::string(2000, 'x') + "\"");
  const std::string file = dir.file("big.jsonl", record(0, "PutRolePolicy") + "\n" + big + "\n" +
                                                     record(2, "PutRolePolicy") + "\n");
  const RunResult r = run_trailbook(kRunbooks + file + " -q --max-record-size 1K");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  expect_line(r, "trailbook: warning: " + file + ": record 1 (line 2): the record is " +
                     std::to_string(big.size()) +
                     " bytes, over the 1024-byte limit (--max-record-size); skipped");
  const auto s = parse_summary(r.err);
  EXPECT_EQ(s.matched, 2);
  EXPECT_EQ(s.skipped, 1);
  EXPECT_EQ(run_trailbook(kRunbooks + file + " -q").exit_code, 0);  // the default is 16 MiB
}

TEST(Nesting, TooDeepWhereTheRunbookReadsAndUnderValidate) {
  TempDir dir;
  const std::string rb =
      dir.file("params.tb",
               "runbook params { title \"t\" severity low where eventName == \"PutRolePolicy\" "
               "select requestParameters }");
  const std::string file = dir.file("deep.jsonl", nested(65535) + "\n" + nested(65536) + "\n");
  RunResult r = run_trailbook("scan " + rb + " --format jsonl -q --input " + file);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  expect_line(r, "trailbook: warning: " + file +
                     ": record 1 (line 2): malformed record: the record nests deeper than 65535 "
                     "levels; skipped");
  EXPECT_EQ(parse_summary(r.err).matched, 1) << r.err;  // 65535 levels are fine
  // Deep where no runbook reads: found only by --validate, with the same words.
  r = run_trailbook(kRunbooks + file + " -q --validate");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  expect_line(r, "trailbook: warning: " + file +
                     ": record 1 (line 2): malformed record: the record nests deeper than 65535 "
                     "levels; skipped");
  EXPECT_EQ(parse_summary(r.err).skipped, 1) << r.err;
}

TEST(Utf8, InvalidBytesAreReportedWithTheirOffset) {
  TempDir dir;
  const std::string bad = record(1, "PutRolePolicy", ",\"userAgent\":\"a\xC3(b\"");
  const size_t at = bad.find('\xC3');
  const std::string file =
      dir.file("utf8.jsonl", record(0, "PutRolePolicy") + "\n" + bad + "\n" +
                                 record(2, "GetRole", ",\"userAgent\":\"\xFF\"") + "\n");
  RunResult r = run_trailbook(kRunbooks + file + " -q");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  expect_line(r, "trailbook: warning: " + file +
                     ": record 1 (line 2): malformed record: invalid "
                     "UTF-8 at byte " +
                     std::to_string(at) + " of the record; skipped");
  // Record 2 is skipped unparsed by the prefilter (no runbook can match GetRole): only
  // --validate looks inside it.
  EXPECT_EQ(parse_summary(r.err).skipped, 1) << r.err;
  r = run_trailbook(kRunbooks + file + " -q --validate");
  expect_balanced(r);
  EXPECT_EQ(parse_summary(r.err).skipped, 2) << r.err;
  expect_line(r, "trailbook: warning: " + file +
                     ": record 2 (line 3): malformed record: invalid UTF-8 at byte " +
                     std::to_string(record(2, "GetRole", ",\"userAgent\":\"").size() - 1) +
                     " of the record; skipped");
}

TEST(EmptyFile, IsAWarningThatLeavesTheResultComplete) {
  TempDir dir;
  const std::string empty = dir.file("empty.json", "");
  const std::string blank = dir.file("blank.jsonl", "\n  \n");
  const std::string gz = dir.file("empty.json.gz", gzip(""));
  const std::string hit =
      dir.file("hit.json", R"({"Records":[)" + record(0, "PutRolePolicy") + "]}");
  const RunResult r = run_trailbook(kRunbooks + empty + " " + blank + " " + gz + " " + hit + " -q");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  expect_line(r, "trailbook: warning: " + empty + ": empty file: no records");
  expect_line(r, "trailbook: warning: " + blank + ": empty file: no records");
  expect_line(r, "trailbook: warning: " + gz + ": empty file: no records after decompression");
  EXPECT_EQ(r.err.find("incomplete"), std::string::npos) << r.err;
  EXPECT_EQ(parse_summary(r.err).matched, 1);
}

TEST(NotCloudTrail, OtherJsonDocumentsAreSkippedAsFilesAndNamed) {
  TempDir dir;
  const std::string package = dir.file(
      "package.json",
      "{\n  \"name\": \"x\",\n  \"version\": \"1.0.0\",\n  \"scripts\": {\"test\": \"jest\"}\n}\n");
  const std::string foo = dir.file("foo.jsonl", "{\"foo\":1}\n{\"foo\":2}\n");
  const std::string numbers = dir.file("numbers.json", "[1, 2, 3]");
  const std::string hit =
      dir.file("hit.json", R"({"Records":[)" + record(0, "PutRolePolicy") + "]}");
  const RunResult r =
      run_trailbook(kRunbooks + package + " " + foo + " " + numbers + " " + hit + " -q");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  expect_line(r, "trailbook: warning: " + package +
                     ": not a CloudTrail log: the first record has none of eventVersion, "
                     "eventTime, eventName, eventSource (its keys: name, version, scripts); file "
                     "skipped");
  expect_line(r, "trailbook: warning: " + foo +
                     ": not a CloudTrail log: the first record has none of eventVersion, "
                     "eventTime, eventName, eventSource (its keys: foo); file skipped");
  expect_line(r, "trailbook: warning: " + numbers +
                     ": not a CloudTrail log: the first record is a number, not an object; file "
                     "skipped");
  const auto s = parse_summary(r.err);
  EXPECT_EQ(s.records, 1);  // a skipped file's records are not counted
  EXPECT_EQ(s.matched, 1);
  EXPECT_NE(r.err.find("; 3 files with problems"), std::string::npos) << r.err;
}

TEST(Partial, AllowPartialExitsZeroAndStillSaysWhatWasSkipped) {
  TempDir dir;
  const std::string file = dir.file("t.jsonl", record(0, "PutRolePolicy") + "\n" + kDamaged + "\n");
  RunResult r = run_trailbook(kRunbooks + file + " -q --allow-partial");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  EXPECT_EQ(parse_summary(r.err).skipped, 1);
  expect_line(r, "trailbook: the result is incomplete: some input could not be read");
  r = run_trailbook(kRunbooks + file + " -q --allow-partial --fail-on-findings");
  EXPECT_EQ(r.exit_code, 1) << r.err;  // findings still count
}

TEST(Strict, StopsAtTheFirstProblemAndReadsNothingAfter) {
  TempDir dir;
  const std::string a = dir.file("a.jsonl", record(0, "PutRolePolicy") + "\n" + kDamaged + "\n" +
                                                record(2, "PutRolePolicy") + "\n");
  const std::string b = dir.file("b.jsonl", record(0, "PutRolePolicy") + "\n");
  const RunResult r = run_trailbook(kRunbooks + a + " " + b + " -q --strict -j 4");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  expect_line(r, "trailbook: warning: " + a + ": record 1 (line 2): malformed record: " +
                     "The JSON element does not have the requested type.; skipped");
  expect_line(r,
              "trailbook: the result is incomplete: stopped at the first input problem "
              "(--strict)");
  const auto s = parse_summary(r.err);
  EXPECT_EQ(s.records, 2);  // nothing after the bad record, and not b.jsonl
  EXPECT_EQ(s.matched, 1);
  EXPECT_EQ(s.skipped, 1);
  EXPECT_NE(r.err.find("trailbook: 1 file "), std::string::npos) << r.err;
  // A missing path is the first problem: nothing is scanned.
  const RunResult missing = run_trailbook(kRunbooks + dir.path() + "/absent " + b + " -q --strict");
  EXPECT_EQ(missing.exit_code, 3) << missing.err;
  expect_balanced(missing);
  EXPECT_EQ(parse_summary(missing.err).records, 0);
}

}  // namespace
