#include "runtime/exec/field_extractor.h"

#include <cstring>
#include <limits>

namespace tb::runtime {

namespace ondemand = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

FieldExtractor::FieldExtractor(const std::vector<std::vector<std::string>>& fields)
    : slot_count_(fields.size()) {
  for (size_t slot = 0; slot < fields.size(); ++slot) {
    Node* node = &root_;
    for (const std::string& step : fields[slot]) {
      auto it = std::find_if(node->children.begin(), node->children.end(),
                             [&](const Node& n) { return n.key == step; });
      if (it == node->children.end()) {
        node->children.push_back(Node{step, -1, {}, nullptr});
        it = node->children.end() - 1;
      }
      node = &*it;
    }
    node->slot = static_cast<int32_t>(slot);
  }
  // Mark the nodes that need a second parse.
  std::vector<Node*> stack{&root_};
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    if (n->slot >= 0 && !n->children.empty()) {
      n->reparse = std::make_unique<ondemand::parser>();
    }
    for (Node& c : n->children) stack.push_back(&c);
  }
}

const FieldExtractor::Node* FieldExtractor::child(const Node& node, std::string_view key) {
  for (const Node& c : node.children) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

std::string FieldExtractor::extract(std::string_view record, size_t capacity, tb_value* slots) {
  std::memset(slots, 0, slot_count_ * sizeof(tb_value));  // every slot starts missing
  buffer_end_ = record.data() + capacity;
  ondemand::document doc;
  if (auto e = parser_.iterate(record.data(), record.size(), capacity).get(doc)) {
    return simdjson::error_message(e);
  }
  ondemand::object object;
  if (auto e = doc.get_object().get(object)) {
    if (e == simdjson::INCORRECT_TYPE) return "the record is not a JSON object";
    return simdjson::error_message(e);
  }
  if (auto e = extract_object(object, root_, slots)) return simdjson::error_message(e);
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) == SUCCESS) {
    return "unexpected content after the record at byte " +
           std::to_string(trailing - record.data());
  }
  return {};
}

error_code FieldExtractor::extract_object(ondemand::object object, const Node& node,
                                          tb_value* slots) {
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

error_code FieldExtractor::load_value(ondemand::value value, const Node& node, tb_value* slots) {
  ondemand::json_type type;
  if (auto e = value.type().get(type)) return e;
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
      ondemand::number num;
      if (auto e = value.get_number().get(num)) return e;
      if (num.is_int64()) {
        out.kind = TB_INT;
        out.i = num.get_int64();
      } else if (num.is_uint64()) {
        out.kind = TB_DOUBLE;  // above int64's range
        out.d = static_cast<double>(num.get_uint64());
      } else {
        out.kind = TB_DOUBLE;
        out.d = num.get_double();
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

}  // namespace tb::runtime
