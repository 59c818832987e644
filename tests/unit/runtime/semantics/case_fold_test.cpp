#include "runtime/semantics/case_fold.h"

#include <gtest/gtest.h>

#include <string>

namespace tb::semantics {
namespace {

TEST(CaseFold, AsciiFoldsToLowerCase) {
  EXPECT_EQ(fold_case("ConsoleLogin AssumeRole 123"), "consolelogin assumerole 123");
  EXPECT_EQ(fold_case(""), "");
}

TEST(CaseFold, SimpleFoldingPerCodePoint) {
  EXPECT_EQ(fold_case("\u00C9"), "\u00E9");                   // É -> é
  EXPECT_EQ(fold_case("\u212A"), "k");                        // Kelvin sign -> k (3 bytes -> 1)
  EXPECT_EQ(fold_case("\u00DF"), "\u00DF");                   // ß stays ß: no full folding to ss
  EXPECT_EQ(fold_case("\u1E9E"), "\u00DF");                   // ẞ -> ß
  EXPECT_EQ(fold_case("\u017F"), "s");                        // long s -> s
  EXPECT_EQ(fold_case("\u03A3\u03C2"), "\u03C3\u03C3");       // Σ, final ς -> σ
  EXPECT_EQ(fold_case("\u0130"), "\u0130");                   // İ has no simple folding
  EXPECT_EQ(fold_case("\U00010400"), "\U00010428");           // Deseret, outside the BMP
  EXPECT_NE(fold_case("STRASSE"), fold_case("stra\u00DFe"));  // ß never matches SS
}

TEST(CaseFold, NfdIsNotNormalised) {
  EXPECT_EQ(fold_case("E\u0301"), "e\u0301");
  EXPECT_NE(fold_case("E\u0301"), fold_case("\u00C9"));
}

TEST(CaseFold, InvalidBytesPassThroughUnchanged) {
  EXPECT_EQ(fold_case("A\xFF"
                      "B\xC3"),
            "a\xFF"
            "b\xC3");
  EXPECT_EQ(fold_case("\xED\xA0\x80Z"), "\xED\xA0\x80z");  // encoded surrogate stays as bytes
  EXPECT_EQ(fold_case(std::string("N\0U", 3)), std::string("n\0u", 3));
}

TEST(CaseMapping, LowerAndUpperAreSimpleMappings) {
  EXPECT_EQ(to_lower("AdminRole \u00C9T\u00C9"), "adminrole \u00E9t\u00E9");
  EXPECT_EQ(to_upper("adminrole \u00E9t\u00E9"), "ADMINROLE \u00C9T\u00C9");
  EXPECT_EQ(to_upper("stra\u00DFe"), "STRA\u00DFE");  // ß has no single-code-point upper case
  EXPECT_EQ(to_lower("\u212A"), "k");
  EXPECT_EQ(to_lower("\u0130"), "i");  // İ lower-cases (it does not fold)
  EXPECT_EQ(to_upper("\u017F"), "S");
  EXPECT_EQ(to_lower("\u023A"), "\u2C65");  // grows from 2 bytes to 3
  EXPECT_EQ(to_upper("\xFF"
                     "a"),
            "\xFF"
            "A");
}

TEST(CaseMapping, AppendKeepsWhatIsThere) {
  std::string out = "x:";
  append_lower("AB", out);
  append_upper("cd", out);
  append_folded("\u00C9", out);
  EXPECT_EQ(out, "x:abCD\u00E9");
}

}  // namespace
}  // namespace tb::semantics
