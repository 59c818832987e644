#pragma once
// The formatter's layout engine. The formatter turns the AST into a tree of Nodes that say what
// may break where; this file decides the breaks within kMaxWidth columns and prints, placing
// every source comment at the line where it belongs. It knows nothing of the AST.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"

namespace tb::format {

inline constexpr int kMaxWidth = 100;

// Offsets into the source text; a Node without a source position has begin == end == kNoPos.
inline constexpr uint32_t kNoPos = UINT32_MAX;

struct Node {
  enum class Kind : uint8_t {
    Atom,    // text that never breaks
    Concat,  // kids one after the other; only the kids may break
    Chain,   // kids joined by operators; breaks one operand per line, operator leading
    Seq,     // bracketed list; breaks one element per line, brackets on their own lines
    // Comma-separated kids, maybe bracketed, filled into as few lines as they need. The lines
    // continue under the first kid when every kid fits there; otherwise the brackets go on
    // lines of their own and the kids fill the lines between, one level deeper.
    Fill,
  };
  Kind kind = Kind::Atom;
  std::string text;                       // Atom
  std::vector<std::string> block;         // Atom: a triple-quoted string written over several lines
  uint32_t begin = kNoPos, end = kNoPos;  // source range
  std::vector<Node> kids;
  std::vector<std::string> ops;  // Chain: ops[i] goes before kids[i]; ops[0] is unused
  std::string open, close;       // Seq and Fill brackets (a Fill may have none)
  uint32_t open_pos = kNoPos, close_pos = kNoPos;  // offsets of the brackets
  bool trailing_comma = false;                     // Seq: when broken, after the last element
};

Node atom(std::string text, uint32_t begin = kNoPos, uint32_t end = kNoPos);
Node concat(std::vector<Node> kids, uint32_t begin, uint32_t end);

// Prints lines and places comments. A comment is written on its own line before the line whose
// source it precedes or lies inside, or at the end of the line whose last token it follows on
// the same source line. A blank line in the source between items (or before a comment) is kept,
// collapsed to one.
class Printer {
 public:
  Printer(std::string_view source, const std::vector<ast::Comment>& comments);

  // Starts a line. `item` lines keep a blank line that precedes them in the source.
  void line(int indent, bool item = false);
  void put(std::string_view text, uint32_t begin = kNoPos, uint32_t end = kNoPos);
  void end_line();
  // Writes the comments that start before `pos` on lines of their own.
  void comments_before(uint32_t pos, int indent);
  // Asks for a blank line before whatever is printed next (unless it opens the file or a block).
  void blank_line() { blank_pending_ = true; }
  // The remaining comments, then the text.
  std::string finish();

  int indent() const { return indent_; }
  size_t lines() const { return lines_; }  // lines ended so far
  int column() const;
  bool has_comment(uint32_t begin, uint32_t end) const;
  std::string_view source() const { return source_; }

 private:
  void emit_comment(int indent);
  void emit(int indent, const std::string& text, bool opens);
  bool blank_between(uint32_t begin, uint32_t end) const;
  bool trails(uint32_t end, uint32_t comment) const;

  std::string_view source_;
  const std::vector<ast::Comment>& comments_;
  size_t next_comment_ = 0;
  std::string out_;
  std::string line_;
  int indent_ = 0;
  bool item_ = false;
  uint32_t line_begin_ = kNoPos, line_end_ = 0;
  uint32_t last_end_ = 0;  // end of the last source text printed
  bool blank_pending_ = false;
  bool last_opens_ = false;  // the last line printed ends with an opening bracket
  size_t lines_ = 0;
};

// Lays out `node` from the current position, leaving `trail` columns for what follows it.
void write(Printer& p, const Node& node, int trail = 0);

// Display width of UTF-8 text, in code points.
int text_width(std::string_view text);

}  // namespace tb::format
