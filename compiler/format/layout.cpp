#include "compiler/format/layout.h"

#include <algorithm>
#include <cassert>

namespace tb::format {

namespace {

constexpr int kMultiline = 1 << 20;  // the flat width of anything that cannot be flat

std::string spaces(int n) {
  return std::string(static_cast<size_t>(std::max(n, 0)), ' ');
}

std::string_view rstrip(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

int text_width(std::string_view text) {
  int n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

Node atom(std::string text, uint32_t begin, uint32_t end) {
  Node n;
  n.text = std::move(text);
  n.begin = begin;
  n.end = end;
  return n;
}

Node concat(std::vector<Node> kids, uint32_t begin, uint32_t end) {
  Node n;
  n.kind = Node::Kind::Concat;
  n.kids = std::move(kids);
  n.begin = begin;
  n.end = end;
  return n;
}

// ---- Printer ----------------------------------------------------------------------------------

Printer::Printer(std::string_view source, const std::vector<ast::Comment>& comments)
    : source_(source), comments_(comments) {}

void Printer::line(int indent, bool item) {
  assert(line_.empty() && line_begin_ == kNoPos);
  indent_ = indent;
  item_ = item;
}

void Printer::put(std::string_view text, uint32_t begin, uint32_t end) {
  line_ += text;
  if (begin == kNoPos) return;
  line_begin_ = std::min(line_begin_, begin);
  line_end_ = std::max(line_end_, end);
}

int Printer::column() const {
  const size_t nl = line_.rfind('\n');
  if (nl != std::string::npos) return text_width(std::string_view(line_).substr(nl + 1));
  return indent_ + text_width(line_);
}

bool Printer::has_comment(uint32_t begin, uint32_t end) const {
  auto it =
      std::lower_bound(comments_.begin(), comments_.end(), begin,
                       [](const ast::Comment& c, uint32_t pos) { return c.span.begin < pos; });
  return it != comments_.end() && it->span.begin < end;
}

bool Printer::blank_between(uint32_t begin, uint32_t end) const {
  if (begin >= end || end > source_.size()) return false;
  bool seen_newline = false;
  for (uint32_t i = begin; i < end; ++i) {
    const char c = source_[i];
    if (c == '\n') {
      if (seen_newline) return true;
      seen_newline = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      seen_newline = false;
    }
  }
  return false;
}

// A comment trails a line when only blanks and commas separate it from the line's last token.
bool Printer::trails(uint32_t end, uint32_t comment) const {
  if (end > comment) return false;
  for (uint32_t i = end; i < comment; ++i) {
    const char c = source_[i];
    if (c != ' ' && c != '\t' && c != ',') return false;
  }
  return true;
}

void Printer::emit(int indent, const std::string& text, bool opens) {
  if (blank_pending_ && !out_.empty() && !last_opens_) out_ += '\n';
  blank_pending_ = false;
  out_ += spaces(indent);
  out_ += text;
  out_ += '\n';
  last_opens_ = opens;
}

void Printer::emit_comment(int indent) {
  const ast::Comment& c = comments_[next_comment_++];
  if (blank_between(last_end_, c.span.begin)) blank_pending_ = true;
  emit(indent, std::string(rstrip(c.text)), false);
  last_end_ = std::max(last_end_, c.span.end);
}

void Printer::comments_before(uint32_t pos, int indent) {
  while (next_comment_ < comments_.size() && comments_[next_comment_].span.begin < pos) {
    emit_comment(indent);
  }
}

void Printer::end_line() {
  if (line_begin_ != kNoPos) {
    // Above a closing bracket, comments are indented like the elements before it, as they are
    // when they come before the bracket in the source.
    const char first = line_.empty() ? '\0' : line_.front();
    const int indent = first == ')' || first == ']' || first == '}' ? indent_ + 2 : indent_;
    comments_before(line_begin_, indent);
    if (item_ && blank_between(last_end_, line_begin_)) blank_pending_ = true;
    // Comments inside the line's source cannot stay there: they go on lines of their own above.
    comments_before(line_end_, indent);
  }
  std::string text = std::move(line_);
  const char last = text.empty() ? '\0' : text.back();
  const bool opens = last == '{' || last == '[' || last == '(';
  if (line_begin_ != kNoPos) {
    last_end_ = std::max(last_end_, line_end_);
    if (next_comment_ < comments_.size() &&
        trails(line_end_, comments_[next_comment_].span.begin)) {
      const ast::Comment& c = comments_[next_comment_++];
      text += "  ";
      text += rstrip(c.text);
      last_end_ = std::max(last_end_, c.span.end);
    }
  }
  emit(indent_, text, opens);
  ++lines_;
  line_.clear();
  line_begin_ = kNoPos;
  line_end_ = 0;
  item_ = false;
}

std::string Printer::finish() {
  assert(line_.empty());
  comments_before(kNoPos, 0);
  return std::move(out_);
}

// ---- Layout -----------------------------------------------------------------------------------

namespace {

int flat_width(const Node& n) {
  int w = 0;
  switch (n.kind) {
    case Node::Kind::Atom:
      return n.block.empty() ? text_width(n.text) : kMultiline;
    case Node::Kind::Concat:
      break;
    case Node::Kind::Chain:
      for (size_t i = 1; i < n.kids.size(); ++i) w += text_width(n.ops[i]) + 2;
      break;
    case Node::Kind::Seq:
    case Node::Kind::Fill:
      w = text_width(n.open) + text_width(n.close) +
          2 * static_cast<int>(n.kids.empty() ? 0 : n.kids.size() - 1);
      break;
  }
  for (const Node& k : n.kids) w = std::min(kMultiline, w + flat_width(k));
  return w;
}

// Whether a comment sits just inside the brackets, which then go on lines of their own.
bool boundary_comment(const Printer& p, const Node& n) {
  return !n.open.empty() && !n.kids.empty() &&
         (p.has_comment(n.open_pos + 1, n.kids.front().begin) ||
          p.has_comment(n.kids.back().end, n.close_pos));
}

// Whether a comment sits between two kids (or a bracket and a kid), where the broken layout
// has a line break: such a node must break so that the comment keeps its place.
bool gap_comment(const Printer& p, const Node& n) {
  if (n.kids.empty()) return false;
  for (size_t i = 1; i < n.kids.size(); ++i) {
    if (p.has_comment(n.kids[i - 1].end, n.kids[i].begin)) return true;
  }
  return boundary_comment(p, n);
}

bool must_break(const Printer& p, const Node& n) {
  if (n.kind == Node::Kind::Atom) return !n.block.empty();
  if (n.kind != Node::Kind::Concat && gap_comment(p, n)) return true;
  return std::any_of(n.kids.begin(), n.kids.end(), [&](const Node& k) { return must_break(p, k); });
}

void write_flat(Printer& p, const Node& n) {
  switch (n.kind) {
    case Node::Kind::Atom:
      p.put(n.text, n.begin, n.end);
      return;
    case Node::Kind::Concat:
      for (const Node& k : n.kids) write_flat(p, k);
      return;
    case Node::Kind::Chain:
      for (size_t i = 0; i < n.kids.size(); ++i) {
        if (i > 0) p.put(" " + n.ops[i] + " ");
        write_flat(p, n.kids[i]);
      }
      return;
    case Node::Kind::Seq:
    case Node::Kind::Fill:
      if (!n.open.empty()) p.put(n.open, n.open_pos, n.open_pos + 1);
      for (size_t i = 0; i < n.kids.size(); ++i) {
        if (i > 0) p.put(", ");
        write_flat(p, n.kids[i]);
      }
      if (!n.close.empty()) p.put(n.close, n.close_pos, n.close_pos + 1);
      return;
  }
}

// A triple-quoted string over several lines: its text one level deeper than the line it starts
// on, the closing quotes at that line's indentation. The parser removes the common indentation,
// so the value does not change.
void write_block(Printer& p, const Node& n) {
  std::string text = "\"\"\"\n";
  for (const std::string& l : n.block) text += (l.empty() ? "" : spaces(p.indent() + 2) + l) + "\n";
  text += spaces(p.indent()) + "\"\"\"";
  p.put(text, n.begin, n.end);
}

void write_chain(Printer& p, const Node& n, int trail) {
  const int cont = p.indent() + 2;
  for (size_t i = 0; i < n.kids.size(); ++i) {
    if (i > 0) {
      p.end_line();
      p.line(cont);
      p.put(n.ops[i] + " ");
    }
    write(p, n.kids[i], i + 1 == n.kids.size() ? trail : 0);
  }
}

void write_seq(Printer& p, const Node& n) {
  const int outer = p.indent();
  p.put(n.open, n.open_pos, n.open_pos + 1);
  p.end_line();
  for (size_t i = 0; i < n.kids.size(); ++i) {
    const bool comma = i + 1 < n.kids.size() || n.trailing_comma;
    p.line(outer + 2);
    write(p, n.kids[i], comma ? 1 : 0);
    if (comma) p.put(",");
    p.end_line();
  }
  p.comments_before(n.close_pos, outer + 2);
  p.line(outer);
  p.put(n.close, n.close_pos, n.close_pos + 1);
}

bool fits_flat(const Printer& p, const Node& n, int column, int trail) {
  return !must_break(p, n) && column + flat_width(n) + trail <= kMaxWidth;
}

// Fills the kids of `n` into lines that continue at column `align`. A kid that does not fit on
// a line of its own breaks inside, and the next kid starts a new line.
void fill_kids(Printer& p, const Node& n, int align, int trail) {
  size_t lines_before_kid = p.lines();
  for (size_t i = 0; i < n.kids.size(); ++i) {
    const int after = i + 1 == n.kids.size() ? trail : 1;
    if (i > 0) {
      p.put(",");
      if (p.has_comment(n.kids[i - 1].end, n.kids[i].begin) || p.lines() != lines_before_kid ||
          !fits_flat(p, n.kids[i], p.column() + 1, after)) {
        p.end_line();
        p.line(align);
      } else {
        p.put(" ");
      }
    }
    lines_before_kid = p.lines();
    write(p, n.kids[i], after);
  }
}

// Whether the kids of a bracketed Fill at `column` can all continue under its first kid: each
// fits there, or (in an object, `depth` levels deep) is a member whose value can do the same.
// Arrays and calls hang only kids that fit, so that rows of a result start on lines of their own.
bool can_hang(const Printer& p, const Node& n, int column, int trail, int depth) {
  if (fits_flat(p, n, column, trail)) return true;
  if (depth == 0) return false;
  if (n.kind == Node::Kind::Concat && !n.kids.empty()) {
    for (size_t i = 0; i + 1 < n.kids.size(); ++i) {
      if (must_break(p, n.kids[i])) return false;
      column += flat_width(n.kids[i]);
    }
    return can_hang(p, n.kids.back(), column, trail, depth);
  }
  if (n.kind != Node::Kind::Fill || n.open.empty() || n.kids.empty() || boundary_comment(p, n)) {
    return false;
  }
  const int align = column + text_width(n.open);
  const int kid_depth = n.open == "{" ? depth - 1 : 0;
  for (size_t i = 0; i < n.kids.size(); ++i) {
    const bool last = i + 1 == n.kids.size();
    if (!can_hang(p, n.kids[i], align, last ? text_width(n.close) + trail : 1, kid_depth)) {
      return false;
    }
  }
  return true;
}

void write_fill(Printer& p, const Node& n, int trail) {
  const int align = p.column() + text_width(n.open);
  const int close = text_width(n.close) + trail;
  if (n.open.empty() || can_hang(p, n, p.column(), trail, 2)) {
    p.put(n.open, n.open_pos, n.open_pos + 1);
    fill_kids(p, n, align, close);
    p.put(n.close, n.close_pos, n.close_pos + 1);
    return;
  }
  const int outer = p.indent();
  p.put(n.open, n.open_pos, n.open_pos + 1);
  p.end_line();
  p.line(outer + 2);
  fill_kids(p, n, outer + 2, 0);
  p.end_line();
  p.comments_before(n.close_pos, outer + 2);
  p.line(outer);
  p.put(n.close, n.close_pos, n.close_pos + 1);
}

}  // namespace

void write(Printer& p, const Node& n, int trail) {
  if (!must_break(p, n) && p.column() + flat_width(n) + trail <= kMaxWidth) {
    write_flat(p, n);
    return;
  }
  switch (n.kind) {
    case Node::Kind::Atom:
      if (n.block.empty()) {
        p.put(n.text, n.begin, n.end);
      } else {
        write_block(p, n);
      }
      return;
    case Node::Kind::Concat:
      for (size_t i = 0; i < n.kids.size(); ++i) {
        // What must stay on this line after the kid: the atoms up to the next breakable kid.
        int after = 0;
        size_t j = i + 1;
        for (; j < n.kids.size() && n.kids[j].kind == Node::Kind::Atom; ++j) {
          after += flat_width(n.kids[j]);
        }
        write(p, n.kids[i], std::min(kMultiline, after + (j == n.kids.size() ? trail : 0)));
      }
      return;
    case Node::Kind::Chain:
      write_chain(p, n, trail);
      return;
    case Node::Kind::Seq:
      if (n.kids.empty()) {
        write_flat(p, n);
      } else {
        write_seq(p, n);
      }
      return;
    case Node::Kind::Fill:
      if (n.kids.empty()) {
        write_flat(p, n);
      } else {
        write_fill(p, n, trail);
      }
      return;
  }
}

}  // namespace tb::format
