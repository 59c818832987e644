#pragma once
// Projection-only parsing: reads exactly the fields a pack uses from one record with simdjson
// On-Demand, into the kernel's slots. Keys are matched after unescaping (semantics R1).
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "runtime/abi/kernel_abi.h"
#include "runtime/exec/scan_plan.h"

namespace tb::runtime {

class FieldExtractor {
 public:
  // Reads every field, or, given `wanted` (by slot), only those; the others stay missing.
  explicit FieldExtractor(const std::vector<FieldSpec>& fields,
                          const std::vector<bool>& wanted = {});

  size_t slot_count() const { return slot_count_; }

  // Parses `record` (which must have simdjson's padding readable after `capacity`) and fills
  // `slots`. Returns an empty string on success, else why the record cannot be read.
  // String values point into parser memory and stay valid until the next call.
  std::string extract(std::string_view record, size_t capacity, tb_value* slots);

 private:
  struct Node {
    std::string key;
    int32_t slot = -1;  // -1: the pack only reads below this key
    std::vector<Node> children;
    // An array that any/all iterate: its element slot, and the fields read in each element
    // (element_root's slots index within one element's values).
    int32_t element_slot = -1;
    uint32_t width = 0;
    size_t buffer = 0;  // index into element_buffers_
    std::unique_ptr<Node> element_root;
    // Some element field is parsed a second time (below); that parse starts over for each
    // element, so the strings it gives are copied out before the next element.
    bool element_reparse = false;
    // A field read whole and also below is parsed a second time from its raw text, with a
    // parser of its own so that strings from both parses stay valid.
    std::unique_ptr<simdjson::ondemand::parser> reparse;
  };

  simdjson::error_code extract_object(simdjson::ondemand::object object, const Node& node,
                                      tb_value* slots);
  simdjson::error_code load_value(simdjson::ondemand::value value, const Node& node,
                                  tb_value* slots);
  static const Node* child(const Node& node, std::string_view key);
  static Node& insert(Node& root, const std::vector<std::string>& steps);
  static bool parsed_twice(const Node& node);  // it or a node below has a second parse
  simdjson::error_code load_elements(simdjson::ondemand::array array, const Node& node,
                                     tb_value* slots);
  // Whether a value read whole, inside depth_ containers, nests past kMaxNestingDepth.
  bool too_deep(std::string_view raw) const;

  Node root_;
  size_t slot_count_ = 0;
  simdjson::ondemand::parser parser_;
  std::vector<std::vector<tb_value>> element_buffers_;
  std::deque<std::string> element_strings_;  // copied per record, see Node::element_reparse
  const char* buffer_end_ = nullptr;         // end of the readable bytes of the current record
  uint32_t depth_ = 0;                       // containers around the value being read
};

}  // namespace tb::runtime
