#include "runtime/exec/field_extractor.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>

#include "runtime/exec/record_checks.h"

namespace tb::runtime {

namespace ondemand = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

namespace {

// Counts the containers the extractor is inside, for the nesting limit.
class DepthGuard {
 public:
  explicit DepthGuard(uint32_t& depth) : depth_(depth) { ++depth_; }
  ~DepthGuard() { --depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  uint32_t& depth_;
};

}  // namespace

FieldExtractor::Node& FieldExtractor::insert(Node& root, const std::vector<std::string>& steps) {
  Node* node = &root;
  for (const std::string& step : steps) {
    auto it = std::find_if(node->children.begin(), node->children.end(),
                           [&](const Node& n) { return n.key == step; });
    if (it == node->children.end()) {
      node->children.push_back(Node{});
      node->children.back().key = step;
      it = node->children.end() - 1;
    }
    node = &*it;
  }
  return *node;
}

FieldExtractor::FieldExtractor(const std::vector<FieldSpec>& fields,
                               const std::vector<bool>& wanted)
    : slot_count_(fields.size()) {
  for (size_t slot = 0; slot < fields.size(); ++slot) {
    if (!wanted.empty() && !wanted[slot]) continue;
    Node& node = insert(root_, fields[slot].steps);
    if (!fields[slot].elements) {
      node.slot = static_cast<int32_t>(slot);
      continue;
    }
    node.element_slot = static_cast<int32_t>(slot);
    node.width = static_cast<uint32_t>(fields[slot].element_fields.size());
    node.buffer = element_buffers_.size();
    element_buffers_.emplace_back();
    node.element_root = std::make_unique<Node>();
    for (size_t i = 0; i < fields[slot].element_fields.size(); ++i) {
      insert(*node.element_root, fields[slot].element_fields[i]).slot = static_cast<int32_t>(i);
    }
  }
  // Mark the nodes that need a second parse: read whole and also below, or iterated.
  std::vector<Node*> stack{&root_};
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    if (n->slot >= 0 && (!n->children.empty() || n->element_slot >= 0)) {
      n->reparse = std::make_unique<ondemand::parser>();
    }
    for (Node& c : n->children) stack.push_back(&c);
    if (n->element_root) stack.push_back(n->element_root.get());
  }
  for (size_t slot = 0; slot < fields.size(); ++slot) {
    const FieldSpec& f = fields[slot];
    if (!f.elements || (!wanted.empty() && !wanted[slot])) continue;
    Node& node = insert(root_, f.steps);
    node.element_reparse = parsed_twice(*node.element_root);
  }
}

bool FieldExtractor::parsed_twice(const Node& node) {
  return node.reparse != nullptr ||
         std::any_of(node.children.begin(), node.children.end(), parsed_twice);
}

const FieldExtractor::Node* FieldExtractor::child(const Node& node, std::string_view key) {
  for (const Node& c : node.children) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

std::string FieldExtractor::extract(std::string_view record, size_t capacity, tb_value* slots) {
  std::memset(slots, 0, slot_count_ * sizeof(tb_value));  // every slot starts missing
  element_strings_.clear();
  buffer_end_ = record.data() + capacity;
  depth_ = 0;
  ondemand::document doc;
  if (auto e = parser_.iterate(record.data(), record.size(), capacity).get(doc)) {
    return record_error_message(e, record);
  }
  ondemand::object object;
  if (auto e = doc.get_object().get(object)) {
    if (e == simdjson::INCORRECT_TYPE) return "the record is not a JSON object";
    return record_error_message(e, record);
  }
  if (auto e = extract_object(object, root_, slots)) return record_error_message(e, record);
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) == SUCCESS) {
    return "unexpected content after the record at byte " +
           std::to_string(trailing - record.data());
  }
  return {};
}

error_code FieldExtractor::extract_object(ondemand::object object, const Node& node,
                                          tb_value* slots) {
  const DepthGuard inside(depth_);
  for (auto field_result : object) {
    ondemand::field field;
    if (auto e = std::move(field_result).get(field)) return e;
    // Raw keys compare directly unless they hold an escape; then unescape (semantics R1).
    const char* raw = field.key().raw();
    size_t n = 0;
    while (raw[n] != '"' && raw[n] != '\\') ++n;
    std::string_view key(raw, n);
    if (raw[n] == '\\') {
      if (auto e = field.unescaped_key().get(key)) return e;
    }
    const Node* target = child(node, key);
    if (target == nullptr) continue;  // the iterator skips the value
    if (auto e = load_value(field.value(), *target, slots)) return e;
  }
  return SUCCESS;
}

error_code FieldExtractor::load_elements(ondemand::array array, const Node& node, tb_value* slots) {
  std::vector<tb_value>& buffer = element_buffers_[node.buffer];
  buffer.clear();
  const DepthGuard inside(depth_);
  uint32_t count = 0;
  for (auto element_result : array) {
    ondemand::value element;
    if (auto e = std::move(element_result).get(element)) return e;
    const size_t base = buffer.size();
    buffer.resize(base + node.width, tb_value{});
    // With nothing to read in an element, the iterator skips it; it still counts.
    if (node.width > 0) {
      if (auto e = load_value(element, *node.element_root, buffer.data() + base)) return e;
    }
    if (node.element_reparse) {
      for (size_t i = base; i < buffer.size(); ++i) {
        tb_value& v = buffer[i];
        if (v.kind != TB_STRING) continue;
        const std::string& kept = element_strings_.emplace_back(v.str, v.len);
        v.str = kept.data();
      }
    }
    ++count;
  }
  tb_value& out = slots[node.element_slot];
  out.kind = TB_ARRAY;
  out.len = count;
  out.elems = buffer.data();
  return SUCCESS;
}

error_code FieldExtractor::load_value(ondemand::value value, const Node& node, tb_value* slots) {
  ondemand::json_type type;
  if (auto e = value.type().get(type)) return e;
  if (node.element_slot >= 0) {
    if (type == ondemand::json_type::array) {
      ondemand::array array;
      if (auto e = value.get_array().get(array)) return e;
      if (node.slot < 0) return load_elements(array, node, slots);
      // Read whole as well: keep the raw text, then iterate a second parse of it.
      std::string_view raw;
      if (auto e = array.raw_json().get(raw)) return e;
      if (too_deep(raw)) return simdjson::DEPTH_ERROR;
      tb_value& whole = slots[node.slot];
      whole.kind = TB_ARRAY;
      whole.len = static_cast<uint32_t>(raw.size());
      whole.str = raw.data();
      ondemand::document doc;
      if (auto e =
              node.reparse
                  ->iterate(raw.data(), raw.size(), static_cast<size_t>(buffer_end_ - raw.data()))
                  .get(doc)) {
        return e;
      }
      ondemand::array again;
      if (auto e = doc.get_array().get(again)) return e;
      return load_elements(again, node, slots);
    }
    // Not an array: any/all see the value's own kind and are false (semantics R10).
    static constexpr tb_kind kKinds[] = {TB_ARRAY,  TB_OBJECT, TB_DOUBLE,
                                         TB_STRING, TB_BOOL,   TB_NULL};
    slots[node.element_slot].kind = kKinds[static_cast<int>(type) - 1];
    if (node.slot < 0 && node.children.empty()) return SUCCESS;
  }
  if (node.slot < 0) {
    // Only sub-fields are read; a step through a non-object leaves them missing.
    if (type != ondemand::json_type::object) return SUCCESS;
    ondemand::object object;
    if (auto e = value.get_object().get(object)) return e;
    return extract_object(object, node, slots);
  }
  tb_value& out = slots[node.slot];
  switch (type) {
    case ondemand::json_type::string: {
      std::string_view s;
      if (auto e = value.get_string().get(s)) return e;
      out.kind = TB_STRING;
      out.len = static_cast<uint32_t>(s.size());
      out.str = s.data();
      return SUCCESS;
    }
    case ondemand::json_type::number: {
      // Classify, then parse with the accessor for the kind: get_number() of simdjson 3.0
      // gives 0 for a double with many significant digits (simdjson issue 2099).
      const std::string_view text = value.raw_json_token();
      ondemand::number_type kind;
      if (auto e = value.get_number_type().get(kind)) return e;
      if (kind == ondemand::number_type::signed_integer) {
        if (auto e = value.get_int64().get(out.i)) return e;
        out.kind = TB_INT;
      } else if (kind == ondemand::number_type::unsigned_integer) {
        uint64_t u = 0;
        if (auto e = value.get_uint64().get(u)) return e;
        out.kind = TB_DOUBLE;  // above int64's range
        out.d = static_cast<double>(u);
      } else {
        // get_double() validates the number, but its value is wrong for some long ones
        // ("0.30000000000000000000000000001", simdjson issue 2093): read the text again,
        // correctly rounded. Out of range there (an underflow), get_double()'s value stays.
        if (auto e = value.get_double().get(out.d)) return e;
        std::from_chars(text.data(), text.data() + text.size(), out.d);
        out.kind = TB_DOUBLE;
      }
      return SUCCESS;
    }
    case ondemand::json_type::boolean: {
      bool b = false;
      if (auto e = value.get_bool().get(b)) return e;
      out.kind = TB_BOOL;
      out.b = b ? 1 : 0;
      return SUCCESS;
    }
    case ondemand::json_type::null: {
      bool is_null = false;
      if (auto e = value.is_null().get(is_null)) return e;
      if (!is_null) return simdjson::INCORRECT_TYPE;
      out.kind = TB_NULL;
      return SUCCESS;
    }
    case ondemand::json_type::array: {
      ondemand::array array;
      std::string_view raw;
      if (auto e = value.get_array().get(array)) return e;
      if (auto e = array.raw_json().get(raw)) return e;
      if (too_deep(raw)) return simdjson::DEPTH_ERROR;
      out.kind = TB_ARRAY;
      out.len = static_cast<uint32_t>(raw.size());
      out.str = raw.data();
      return SUCCESS;
    }
    case ondemand::json_type::object: {
      ondemand::object whole;
      std::string_view raw;
      if (auto e = value.get_object().get(whole)) return e;
      if (auto e = whole.raw_json().get(raw)) return e;
      if (too_deep(raw)) return simdjson::DEPTH_ERROR;
      out.kind = TB_OBJECT;
      out.len = static_cast<uint32_t>(raw.size());
      out.str = raw.data();
      if (!node.reparse) return SUCCESS;
      ondemand::document doc;
      if (auto e =
              node.reparse
                  ->iterate(raw.data(), raw.size(), static_cast<size_t>(buffer_end_ - raw.data()))
                  .get(doc)) {
        return e;
      }
      ondemand::object object;
      if (auto e = doc.get_object().get(object)) return e;
      return extract_object(object, node, slots);
    }
  }
  return SUCCESS;
}

bool FieldExtractor::too_deep(std::string_view raw) const {
  // Only values taken whole are measured: the extractor itself descends only along the pack's
  // paths, and --validate measures the whole record.
  return depth_ + nesting_depth(raw) > kMaxNestingDepth;
}

}  // namespace tb::runtime
