#pragma once
// A large JSON-lines file is scanned as pieces that threads read in parallel. A piece is a
// nominal byte range; it holds the lines that start inside it, so pieces cut anywhere still
// cover every line exactly once, and no reader needs to know where the previous piece ended.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/input/padded_buffer.h"

namespace tb::runtime {

struct LinePiece {
  uint64_t begin = 0;  // nominal range [begin, end) of the file
  uint64_t end = 0;
};

// Cuts [0, size) into pieces of `piece_bytes` (the last may be shorter).
std::vector<LinePiece> cut_into_pieces(uint64_t size, uint64_t piece_bytes);

// Whether input starting with `head` is plain JSON lines: not compressed, not one JSON document.
// Only such input can be cut at newlines (or read from a pipe in chunks of lines).
bool is_plain_json_lines(std::string_view head);

// The first bytes of the file at `path` when it is plain JSON lines; otherwise nothing.
std::optional<std::string> json_lines_head(const std::string& path);

struct PieceBytes {
  // The piece's lines are the buffer's bytes from `skip` on (those before end an earlier line;
  // skipping them is cheaper than moving megabytes). `offset` is where they start in the file.
  size_t skip = 0;
  uint64_t offset = 0;
  // Set when the piece could not be read whole; the buffer holds what came before the trouble.
  std::optional<std::string> damage;
};

// Reads the lines that start inside `piece` into `buffer` (reused across calls), from the first
// line start at or after piece.begin up to and including the newline that ends the last line
// starting before piece.end, or the end of the file. A line may run on past piece.end by at most
// `max_overrun` bytes; a longer one ends the piece with damage.
PieceBytes read_piece(const std::string& path, const LinePiece& piece, PaddedBuffer& buffer,
                      uint64_t max_overrun);

}  // namespace tb::runtime
