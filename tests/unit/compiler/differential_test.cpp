// End-to-end differential test: the JIT path exactly as `trailbook scan` runs it (simdjson
// On-Demand projection of the record's bytes into slots by runtime::FieldExtractor, then the
// pack's kernel) against the reference interpreter on the whole record parsed with simdjson's
// DOM parser. Runbooks (random_runbook.h) and records (random_record.h) are generated as text,
// so parser, checker, lowering, JIT, extractor and interpreter all take part. Both must agree on
// every query of every record, on which records are malformed, and on the value of every field
// read whole (what findings print).
//
// The default run is sized for every ctest run. For long runs, e.g. nightly:
//   TB_DIFFERENTIAL_CASES=1000000 TB_DIFFERENTIAL_SEED=7
//     build/tests/unit/compiler/tb_compiler_tests --gtest_filter='Differential*'
// A failure prints the seed, the pack index, the runbooks, the record and both match sets; to
// rerun only that pack, add TB_DIFFERENTIAL_FIRST_PACK=<pack index>.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "compiler/driver/compiler.h"
#include "compiler/interp/evaluate.h"
#include "compiler/lower/prefilter_literals.h"
#include "runtime/abi/scratch.h"
#include "runtime/exec/field_extractor.h"
#include "runtime/exec/prefilter.h"
#include "runtime/input/padded_buffer.h"
#include "tests/unit/compiler/random_record.h"
#include "tests/unit/compiler/random_runbook.h"
#include "tests/unit/compiler/test_rng.h"
#include "tests/unit/compiler/unlinted.h"

namespace {

using tb::testing::Rng;

constexpr uint64_t kRecordsPerPack = 250;
constexpr unsigned kMalformedPercent = 4;

uint64_t env_number(const char* name, uint64_t fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? std::strtoull(text, nullptr, 0) : fallback;
}

// Bytes as a C string literal would hold them, so that a failing record can be pasted into a test.
std::string c_escaped(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      out += fmt::format("\\x{:02x}\"\"", u);  // "" ends the escape before a hex digit
    } else {
      out += c;
    }
  }
  return out;
}

std::string bits(const std::vector<uint64_t>& words, uint32_t queries) {
  std::string out;
  for (uint32_t q = 0; q < queries; ++q) out += (words[q / 64] >> (q % 64) & 1) ? '1' : '0';
  return out;
}

std::string describe(const tb_value& v) {
  switch (v.kind) {
    case TB_MISSING:
      return "missing";
    case TB_NULL:
      return "null";
    case TB_BOOL:
      return v.b ? "true" : "false";
    case TB_INT:
      return fmt::format("int {}", v.i);
    case TB_DOUBLE:
      return fmt::format("double {}", v.d);
    case TB_STRING:
      return "string \"" + c_escaped({v.str, v.len}) + "\"";
    default:
      return (v.kind == TB_OBJECT ? "object " : "array ") + std::string(v.str, v.len);
  }
}

// Objects and arrays as the DOM serialises them, so that whitespace and escapes do not count.
std::string canonical_json(const tb_value& v) {
  simdjson::dom::parser parser;
  simdjson::dom::element e;
  if (parser.allocate(v.len, v.len / 2 + 1) != simdjson::SUCCESS ||  // deep records, as R12
      parser.parse(v.str, v.len).get(e) != simdjson::SUCCESS) {
    return "<not JSON>";
  }
  return simdjson::minify(e);
}

// Whether a field read whole has the same value in both engines: numbers by value (an int 0 and
// a double -0.0 are the same number), objects and arrays by content.
bool same_value(const tb_value& a, const tb_value& b) {
  const bool numbers =
      (a.kind == TB_INT || a.kind == TB_DOUBLE) && (b.kind == TB_INT || b.kind == TB_DOUBLE);
  if (a.kind != b.kind && !numbers) return false;
  switch (a.kind) {
    case TB_MISSING:
    case TB_NULL:
      return true;
    case TB_OBJECT:
    case TB_ARRAY:
      return canonical_json(a) == canonical_json(b);
    default:
      return tb_host_compare_values(&a, &b, 0) != 0;  // type-strict equality (R4, R5)
  }
}

struct Tally {
  uint64_t packs = 0;
  uint64_t compile_failures = 0;
  uint64_t cases = 0;
  uint64_t malformed = 0;
  uint64_t evaluations = 0;  // (query, well-formed record) pairs
  uint64_t matches = 0;
  uint64_t prefiltered = 0;  // (query, record) pairs the prefilter rejected from raw bytes
};

// One compiled pack and both ways of running it.
class PackUnderTest {
 public:
  PackUnderTest(const tb::testing::GeneratedPack& generated, tb::driver::CompiledPack& pack,
                std::string context)
      : generated_(generated),
        pack_(pack),
        context_(std::move(context)),
        interpreter_(pack.checked),
        extractor_(pack.plan.fields),
        slots_(pack.plan.fields.size()),
        words_((pack.checked.query_count + 63) / 64 + 1),
        kernel_context_{pack.plan.objects.data(), &scratch_, nullptr} {
    // The prefilter of each query on its own, so that every query with literals is tested
    // (the pack's own prefilter is off when any one query has none).
    const tb::runtime::PrefilterSpec spec = tb::lower::derive_prefilter(pack.checked);
    for (uint32_t q = 0; q < spec.clauses.size(); ++q) {
      tb::runtime::PrefilterSpec one{spec.literals, {spec.clauses[q]}};
      std::string error;
      auto prefilter = tb::runtime::Prefilter::create(one, error);
      EXPECT_TRUE(error.empty()) << error;
      if (!prefilter) continue;
      auto scratch = std::make_unique<tb::runtime::Prefilter::Scratch>(*prefilter);
      prefilters_.push_back({q, std::move(prefilter), std::move(scratch)});
    }
  }

  // Runs one record through both engines; false (with a failure reported) when they disagree.
  bool check(const std::string& record, bool malformed, Tally& tally) {
    const uint32_t queries = pack_.checked.query_count;
    std::vector<uint64_t> want(words_), got(words_), on_slots(words_);
    std::string interp_error;
    const bool interp_any = interpreter_.evaluate(record, want.data(), interp_error);
    // The record in place in a padded buffer, as the scanner has it: followed by the rest of
    // the file, which the extractor must not read.
    static constexpr std::string_view kNext = "\n{\"eventName\":\"Next\"}]}\n";
    tb::runtime::PaddedBuffer buffer;
    buffer.resize(record.size() + kNext.size());
    std::memcpy(buffer.data(), record.data(), record.size());
    std::memcpy(buffer.data() + record.size(), kNext.data(), kNext.size());
    const std::string extract_error =
        extractor_.extract(std::string_view(buffer.data(), record.size()),
                           buffer.size() + tb::runtime::PaddedBuffer::kPadding, slots_.data());
    auto fail = [&](const std::string& what) {
      std::string text = fmt::format("{}\n{}\n--- record ---\n{}\n--- as C ---\n\"{}\"\n", context_,
                                     what, record, c_escaped(record));
      text += "--- pack ---\n" + generated_.listing();
      ADD_FAILURE() << text;
      return false;
    };
    if (malformed || !interp_error.empty() || !extract_error.empty()) {
      if (interp_error.empty() != extract_error.empty() || malformed == interp_error.empty()) {
        return fail(
            fmt::format("malformed records differ: generated {}; interpreter: '{}'; "
                        "extractor: '{}'",
                        malformed ? "malformed" : "well-formed", interp_error, extract_error));
      }
      ++tally.malformed;
      return true;
    }
    // The prefilter may reject a query only where the interpreter does not match it: with
    // escaped keys and values (\u, \/) and case variants, which the generator writes.
    for (const QueryPrefilter& p : prefilters_) {
      if (p.prefilter->may_match(record, *p.scratch)) continue;
      ++tally.prefiltered;
      if ((want[p.query / 64] >> (p.query % 64) & 1) != 0) {
        return fail(fmt::format(
            "the prefilter rejected query {} ({}.{}), which the interpreter "
            "matches",
            p.query, pack_.plan.queries[p.query].runbook, pack_.plan.queries[p.query].query));
      }
    }
    scratch_.reset();
    const uint32_t jit_any = pack_.plan.kernel(slots_.data(), got.data(), &kernel_context_);
    if (bits(want, queries) != bits(got, queries) || (jit_any != 0) != interp_any) {
      // The interpreter on the extracted slots tells extraction bugs from kernel bugs (after
      // the listing: it clears what the interpreter's own slots point to).
      const std::string listing = slot_listing();
      interpreter_.evaluate_slots(slots_.data(), on_slots.data());
      std::string what = fmt::format(
          "match sets differ\n  interpreter (DOM):   {}\n  JIT (extracted):     {}\n"
          "  interpreter (slots): {}\n",
          bits(want, queries), bits(got, queries), bits(on_slots, queries));
      for (uint32_t q = 0; q < queries; ++q) {
        if ((want[q / 64] ^ got[q / 64]) >> (q % 64) & 1) {
          what += fmt::format("  query {}: {}.{}\n", q, pack_.plan.queries[q].runbook,
                              pack_.plan.queries[q].query);
        }
      }
      return fail(what + listing);
    }
    for (size_t slot = 0; slot < slots_.size(); ++slot) {
      if (pack_.checked.fields[slot].elements) continue;  // the interpreter reads those per element
      if (!same_value(slots_[slot], interpreter_.slots()[slot])) {
        return fail(fmt::format("field {} differs: interpreter {}, extractor {}",
                                pack_.checked.fields[slot].dotted,
                                describe(interpreter_.slots()[slot]), describe(slots_[slot])));
      }
    }
    for (uint32_t q = 0; q < queries; ++q) tally.matches += want[q / 64] >> (q % 64) & 1;
    tally.evaluations += queries;
    return true;
  }

 private:
  std::string slot_listing() const {
    std::string out = "--- extracted slots ---\n";
    for (size_t i = 0; i < slots_.size(); ++i) {
      const auto& field = pack_.checked.fields[i];
      if (field.elements) {
        out += fmt::format("  {} [elements]: kind {} len {}\n", field.dotted, slots_[i].kind,
                           slots_[i].len);
        continue;
      }
      out += fmt::format("  {}: {} (interpreter: {})\n", field.dotted, describe(slots_[i]),
                         describe(interpreter_.slots()[i]));
    }
    return out;
  }

  struct QueryPrefilter {
    uint32_t query;
    std::shared_ptr<const tb::runtime::Prefilter> prefilter;
    std::unique_ptr<tb::runtime::Prefilter::Scratch> scratch;
  };
  std::vector<QueryPrefilter> prefilters_;
  const tb::testing::GeneratedPack& generated_;
  tb::driver::CompiledPack& pack_;
  std::string context_;
  tb::interp::Interpreter interpreter_;
  tb::runtime::FieldExtractor extractor_;
  std::vector<tb_value> slots_;
  size_t words_;
  tb_scratch scratch_;
  tb_kernel_context kernel_context_;
};

TEST(Differential, JitOnExtractedFieldsAgreesWithInterpreterOnRawRecords) {
  const uint64_t seed = env_number("TB_DIFFERENTIAL_SEED", 20260301);
  const uint64_t cases = env_number("TB_DIFFERENTIAL_CASES", 6000);
  const uint64_t packs = (cases + kRecordsPerPack - 1) / kRecordsPerPack;
  const uint64_t first_pack = env_number("TB_DIFFERENTIAL_FIRST_PACK", 0);
  Tally tally;
  std::string compile_errors;
  for (uint64_t p = first_pack; p < packs; ++p) {
    Rng rng(seed * 0x9E3779B97F4A7C15ull + p);  // each pack on its own, for reruns
    const tb::testing::GeneratedPack generated = tb::testing::generate_pack(rng, 3 + rng.below(4));
    tb::driver::Compilation compilation;
    // Generated conditions contradict themselves at times; that is the lint's business, not
    // this test's.
    tb::driver::CompileOptions options = tb::testing::unlinted();
    options.now = tb::testing::generated_now();
    options.params = generated.params;
    compilation.set_options(options);
    for (const auto& [path, text] : generated.sources) compilation.add_source(path, text);
    std::string error;
    // Every optimisation level that `trailbook scan --jit-opt` accepts, in turn.
    auto pack = compilation.compile(tb::jit::JitOptions{static_cast<unsigned>(p % 4)}, error);
    ++tally.packs;
    if (!pack) {
      ++tally.compile_failures;
      for (const auto& d : compilation.diagnostics().diagnostics()) error += "\n  " + d.message;
      std::cout << fmt::format("[differential] pack {} does not compile:{}\n", p, error);
      compile_errors += fmt::format("pack {}: {}\n{}\n", p, error, generated.listing());
      continue;
    }
    const std::string context = fmt::format(
        "TB_DIFFERENTIAL_SEED={} TB_DIFFERENTIAL_FIRST_PACK={} (JIT -O{})", seed, p, p % 4);
    PackUnderTest engines(generated, *pack, context);
    tb::testing::RecordGenerator records(generated.vocabulary, rng);
    // Top-level fields read whole, and not iterated by any/all: the extractor validates those.
    std::vector<std::string> read_keys;
    for (const tb::runtime::FieldSpec& f : pack->plan.fields) {
      if (f.steps.size() == 1 && !f.elements) read_keys.push_back(f.steps[0]);
    }
    std::erase_if(read_keys, [&](const std::string& key) {
      return std::any_of(pack->plan.fields.begin(), pack->plan.fields.end(), [&](const auto& f) {
        return f.elements && f.steps == std::vector<std::string>{key};
      });
    });
    for (uint64_t r = 0; r < kRecordsPerPack; ++r) {
      const bool malformed = rng.chance(kMalformedPercent);
      const std::string record = malformed ? records.malformed(read_keys) : records.well_formed();
      ++tally.cases;
      ASSERT_TRUE(engines.check(record, malformed, tally)) << "record " << r;
    }
  }
  const double match_rate =
      tally.evaluations == 0 ? 0 : static_cast<double>(tally.matches) / tally.evaluations;
  std::cout << fmt::format(
      "[differential] seed {}: {} packs ({} failed to compile), {} (pack, record) cases, {} "
      "malformed, {} query evaluations, match rate {:.1f}%, {} prefilter rejections\n",
      seed, tally.packs, tally.compile_failures, tally.cases, tally.malformed, tally.evaluations,
      100 * match_rate, tally.prefiltered);
  // The generator writes valid runbooks; a few failures are tolerated, more mean it drifted.
  EXPECT_LE(tally.compile_failures * 20, tally.packs) << compile_errors;
  EXPECT_GE(tally.cases * 20, (cases - first_pack * kRecordsPerPack) * 19);
  EXPECT_GE(tally.malformed, tally.cases / 100);
  // Both outcomes must be common, or agreement would prove little.
  EXPECT_GE(match_rate, 0.10);
  EXPECT_LE(match_rate, 0.90);
  // The prefilter must have had the chance to be wrong (prefilter_test.cpp aims at it more).
  EXPECT_GT(tally.prefiltered, 0u);
}

}  // namespace
