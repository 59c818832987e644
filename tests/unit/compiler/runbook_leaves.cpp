// Leaf predicates of generated runbooks, each with the values that make it true or nearly so
// added to the pack's vocabulary.
#include <fmt/format.h>

#include "tests/unit/compiler/runbook_writer.h"

namespace tb::testing::gen {

namespace {

bool stringish(Type t) {
  return t != Type::Boolean && t != Type::Number && t != Type::Whole;
}
bool numeric(Type t) {
  return t == Type::Number || t == Type::Dynamic || t == Type::Any;
}

const char* mirror(const std::string& op) {
  if (op == "<") return ">";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == ">=") return "<=";
  return op == "==" ? "==" : "!=";
}

}  // namespace

void PackWriter::favour(const Subject& s, const std::string& literal) {
  if (literal == "true" || literal == "false") {
    out_.vocabulary.add(s.json, Json::boolean(literal == "true"));
    out_.vocabulary.add_string(s.json, literal);
  } else if (literal == "null") {
    out_.vocabulary.add(s.json, Json::null());
  } else {
    for (Json& v : number_variants(literal)) out_.vocabulary.add(s.json, std::move(v));
  }
}

void PackWriter::favour_string(const Subject& s, const std::string& value, bool case_too) {
  if (!case_too) {
    out_.vocabulary.add_string(s.json, value);
    return;
  }
  for (std::string& v : case_variants(value)) out_.vocabulary.add_string(s.json, std::move(v));
}

void PackWriter::favour_time(const Subject& s, const semantics::Instant& instant) {
  for (std::string& t : time_variants(instant)) out_.vocabulary.add_string(s.json, std::move(t));
}

// A literal that the checker accepts in `subject == literal` (R4), favoured in records.
std::string PackWriter::equality_literal(const Subject& s) {
  using K = Definition::Kind;
  auto word = [&] {
    if (s.type != Type::Enum && !s.mapped && rng_.chance(15)) {
      if (const Definition* p = find(K::StringParam, &s)) {
        out_.vocabulary.add(s.json, p->values[0]);
        return p->name;
      }
    }
    const std::string& w = s.type == Type::Enum && !s.mapped ? rng_.pick(*s.enums) : word_for(s);
    favour_string(s, w, s.mapped);
    return tb_string(w, rng_);
  };
  auto number = [&] {
    if (rng_.chance(15)) {
      if (const Definition* p = find(K::NumberParam)) {
        for (const Json& v : p->values) out_.vocabulary.add(s.json, v);
        return p->name;
      }
    }
    const std::string& lit = rng_.pick(number_literals());
    favour(s, lit);
    return lit;
  };
  auto boolean = [&] {
    if (rng_.chance(20)) {
      if (const Definition* p = find(K::BoolParam)) {
        out_.vocabulary.add(s.json, p->values[0]);
        return p->name;
      }
    }
    const std::string b = rng_.chance(50) ? "true" : "false";
    favour(s, b);
    return b;
  };
  if (s.type == Type::Whole || rng_.chance(8)) {
    favour(s, "null");
    return "null";  // null compares with every type
  }
  if (s.mapped) return word();
  switch (s.type) {
    case Type::Boolean:
      return boolean();
    case Type::Number:
      return number();
    case Type::Dynamic:
    case Type::Any: {
      const size_t roll = rng_.below(10);
      return roll < 5 ? word() : roll < 8 ? number() : boolean();
    }
    default:
      return word();
  }
}

// ==, != and the order comparisons with a literal, either side.
std::string PackWriter::compare_leaf(const Subject& s) {
  static const std::vector<std::string> kOrder = {"<", "<=", ">", ">="};
  std::string op = rng_.chance(50) ? "==" : "!=";
  std::string literal;
  if (!s.mapped && s.type == Type::Timestamp && rng_.chance(40)) {
    // Text order against a string (R9): near the instants the records carry.
    op = rng_.pick(kOrder);
    const semantics::Instant at =
        semantics::add_seconds(generated_now(), -static_cast<int64_t>(rng_.below(3)) * 43200);
    std::string text = semantics::format_rfc3339(at);
    if (rng_.chance(30)) text = text.substr(0, 7 + rng_.below(10));
    favour_time(s, at);
    literal = tb_string(text, rng_);
  } else if (!s.mapped && numeric(s.type) && rng_.chance(40)) {
    op = rng_.pick(kOrder);
    if (const Definition* p = rng_.chance(20) ? find(Definition::Kind::NumberParam) : nullptr) {
      for (const Json& v : p->values) out_.vocabulary.add(s.json, v);
      literal = p->name;
    } else {
      literal = rng_.pick(number_literals());
      favour(s, literal);
    }
  } else {
    literal = equality_literal(s);
  }
  if (rng_.chance(20)) return literal + " " + mirror(op) + " " + s.tb;
  return s.tb + " " + op + " " + literal;
}

std::string PackWriter::in_leaf(const Subject& s) {
  using K = Definition::Kind;
  const std::string op = rng_.chance(35) ? " not in " : " in ";
  const bool mixed = !s.mapped && (s.type == Type::Dynamic || s.type == Type::Any);
  const bool strings = s.mapped || (s.type != Type::Enum && stringish(s.type));
  if (rng_.chance(30)) {
    const Definition* d = nullptr;
    if (mixed && rng_.chance(50)) d = find(K::MixedList, &s);
    if (d == nullptr && strings) d = find(K::StringList, &s);
    if (d != nullptr) {
      for (const Json& v : d->values) {
        if (v.kind == Json::Kind::String) {
          favour_string(s, v.text, s.mapped);
        } else {
          out_.vocabulary.add(s.json, v);
        }
      }
      return s.tb + op + d->name;
    }
  }
  std::vector<std::string> items;
  const size_t n = rng_.below(5);
  for (size_t i = 0; i < n; ++i) items.push_back(equality_literal(s));
  std::string list = "[";
  for (size_t i = 0; i < items.size(); ++i) list += (i > 0 ? ", " : "") + items[i];
  return s.tb + op + list + "]";
}

std::string PackWriter::string_test_leaf(const Subject& s) {
  static const std::vector<std::string> kTests = {"contains",    "icontains", "startswith",
                                                  "istartswith", "endswith",  "iendswith"};
  const std::string& test = rng_.pick(kTests);
  const bool fold = test[0] == 'i' || s.mapped;
  auto favour_needle = [&](const std::string& n) {
    for (const std::string& v : {n, "x" + n, n + "y", "x" + n + "y"}) favour_string(s, v, fold);
    if (!n.empty()) {
      std::string shorter = n;  // without its last character, which may be several bytes
      while ((static_cast<unsigned char>(shorter.back()) & 0xC0) == 0x80) shorter.pop_back();
      shorter.pop_back();
      favour_string(s, shorter, false);
    }
  };
  std::string needle;
  const Definition* list = rng_.chance(15) ? find(Definition::Kind::StringList) : nullptr;
  if (list != nullptr) {
    for (const Json& v : list->values) favour_needle(v.text);
    needle = list->name;
  } else if (rng_.chance(20)) {
    needle = "[";
    const size_t n = 1 + rng_.below(3);
    for (size_t i = 0; i < n; ++i) {
      const std::string& w = rng_.pick(words());
      favour_needle(w);
      needle += (i > 0 ? ", " : "") + tb_string(w, rng_);
    }
    needle += "]";
  } else {
    const std::string& w = rng_.pick(words());
    favour_needle(w);
    needle = tb_string(w, rng_);
  }
  return s.tb + (rng_.chance(30) ? " not " : " ") + test + " " + needle;
}

std::string PackWriter::regex_leaf(const Subject& s) {
  std::string patterns;
  const size_t n = rng_.chance(15) ? 2 : 1;
  for (size_t i = 0; i < n; ++i) {
    const RegexCase& c = rng_.pick(regex_cases());
    for (const std::string& sample : c.samples) favour_string(s, sample, false);
    patterns += (i > 0 ? ", " : "") + tb_string(c.pattern, rng_);
  }
  if (n > 1) patterns = "[" + patterns + "]";
  return s.tb + (rng_.chance(25) ? " not matches " : " matches ") + patterns;
}

std::string PackWriter::cidr_leaf(const Subject& s) {
  using K = Definition::Kind;
  auto favour_prefix = [&](const std::string& prefix) {
    for (const CidrCase& c : cidr_cases()) {
      if (c.prefix != prefix) continue;
      for (const std::string& a : c.inside) favour_string(s, a, false);
    }
  };
  std::vector<std::string> args;
  if (const Definition* d =
          rng_.chance(30) ? find(rng_.chance(50) ? K::CidrParam : K::CidrList) : nullptr) {
    for (const std::string& p : d->strings) favour_prefix(p);
    args.push_back(d->name);
  }
  const size_t n = args.empty() ? 1 + rng_.below(3) : rng_.below(2);
  for (size_t i = 0; i < n; ++i) {
    const CidrCase& c = rng_.pick(cidr_cases());
    favour_prefix(c.prefix);
    args.push_back(tb_string(c.prefix, rng_));
  }
  for (int i = 0; i < 4; ++i) favour_string(s, rng_.pick(non_addresses()), false);
  std::string list;
  for (size_t i = 0; i < args.size(); ++i) list += (i > 0 ? ", " : "") + args[i];
  return s.tb + (rng_.chance(30) ? " not in cidr(" : " in cidr(") + list + ")";
}

// A comparison with an instant (R9): now() and a duration, a timestamp literal or parameter.
std::string PackWriter::time_leaf(const Subject& s) {
  using K = Definition::Kind;
  static const std::vector<std::string> kOps = {"==", "!=", "<", "<=", ">", ">="};
  const std::string& op = rng_.pick(kOps);
  std::string bound;
  semantics::Instant at = generated_now();
  const Definition* d =
      rng_.chance(25) ? find(rng_.chance(50) ? K::WindowParam : K::TimeParam) : nullptr;
  if (d != nullptr) {
    at = d->instant;
    bound = d->kind == K::WindowParam ? "now() - " + d->name : d->name;
  } else if (rng_.chance(55)) {
    bound = "now()";
    if (rng_.chance(80)) {
      const std::string& duration = rng_.pick(duration_literals());
      const int64_t seconds = *semantics::parse_duration_seconds(duration);
      const bool minus = rng_.chance(80);
      at = semantics::add_seconds(at, minus ? -seconds : seconds);
      bound += (minus ? " - " : " + ") + duration;
    }
  } else {
    bound = rng_.pick(timestamp_literals());
    at = *semantics::parse_instant(bound);
  }
  favour_time(s, at);
  if (rng_.chance(20)) return bound + " " + mirror(op) + " " + s.tb;
  return s.tb + " " + op + " " + bound;
}

std::string PackWriter::presence_leaf(const Subject& s) {
  static const std::vector<std::string> kForms = {
      "{} is null", "{} is not null", "{} is missing", "{} is not missing", "exists {}",
      "{} == null", "{} != null",     "{} in [null]",  "{} not in [null]"};
  return fmt::format(fmt::runtime(rng_.pick(kForms)), s.tb);
}

// Two values of one record (or of an element and the record) compared with each other.
std::string PackWriter::field_pair_leaf(const Subject&) {
  struct Pair {
    std::string a, b;
    JsonPath ja, jb;
    bool orderable;
  };
  std::vector<Pair> pairs = {
      {"userIdentity.accountId",
       "recipientAccountId",
       {"userIdentity", "accountId"},
       {"recipientAccountId"},
       false},
      {"requestParameters.maxResults",
       "requestParameters.select",
       {"requestParameters", "maxResults"},
       {"requestParameters", "select"},
       true},
      {"eventName",
       "requestParameters.bucketName",
       {"eventName"},
       {"requestParameters", "bucketName"},
       false},
      {"insightDetails.insightContext.statistics.insightDuration",
       "requestParameters.maxResults",
       {"insightDetails", "insightContext", "statistics", "insightDuration"},
       {"requestParameters", "maxResults"},
       true},
  };
  if (lambda_array_ != nullptr && lambda_array_->tb == "resources") {
    pairs = {{lambda_param_ + ".accountId",
              "recipientAccountId",
              {"resources", kEach, "accountId"},
              {"recipientAccountId"},
              false}};
  } else if (lambda_array_ != nullptr && lambda_array_->tb == "requestParameters.items") {
    pairs = {{lambda_param_ + ".value",
              "requestParameters.maxResults",
              {"requestParameters", "items", kEach, "value"},
              {"requestParameters", "maxResults"},
              true},
             {lambda_param_ + ".name",
              lambda_param_ + ".value",
              {"requestParameters", "items", kEach, "name"},
              {"requestParameters", "items", kEach, "value"},
              true}};
  } else if (lambda_array_ != nullptr) {
    return compare_leaf(subject());
  }
  const Pair& p = rng_.pick(pairs);
  static const std::vector<Json> kShared = {Json::string("123456789012"),
                                            Json::string("210987654321"),
                                            Json::number("5"),
                                            Json::number("5.0"),
                                            Json::string("5"),
                                            Json::number("7"),
                                            Json::boolean(true),
                                            Json::null()};
  for (const Json& v : kShared) {
    out_.vocabulary.add(p.ja, v);
    out_.vocabulary.add(p.jb, v);
  }
  static const std::vector<std::string> kAll = {"==", "!=", "<", "<=", ">", ">="};
  const std::string& op = p.orderable ? rng_.pick(kAll) : kAll[rng_.below(2)];
  return p.a + " " + op + " " + p.b;
}

std::string PackWriter::bare_leaf(const Subject& s) {
  if (s.json.size() != 1) return compare_leaf(s);
  favour(s, "true");
  return s.tb;  // a boolean field alone means `== true`
}

std::string PackWriter::leaf() {
  Subject s = subject();
  if (s.type != Type::Whole && rng_.chance(12)) {
    s.tb = (rng_.chance(50) ? "lower(" : "upper(") + s.tb + ")";
    s.mapped = true;
  }
  using P = PackWriter;
  std::vector<std::pair<std::string (P::*)(const Subject&), unsigned>> choices;
  if (s.mapped) {
    choices = {{&P::compare_leaf, 25}, {&P::in_leaf, 15},  {&P::string_test_leaf, 25},
               {&P::regex_leaf, 12},   {&P::cidr_leaf, 5}, {&P::time_leaf, 5}};
  } else if (s.type == Type::Whole) {
    choices = {{&P::presence_leaf, 80}, {&P::in_leaf, 20}};
  } else if (s.type == Type::Boolean) {
    choices = {{&P::compare_leaf, 40},
               {&P::bare_leaf, 20},
               {&P::in_leaf, 15},
               {&P::presence_leaf, 15},
               {&P::field_pair_leaf, 10}};
  } else if (s.type == Type::Number) {
    choices = {{&P::compare_leaf, 50},
               {&P::in_leaf, 20},
               {&P::presence_leaf, 15},
               {&P::field_pair_leaf, 15}};
  } else {
    choices = {{&P::compare_leaf, 22},           {&P::in_leaf, 12},
               {&P::string_test_leaf, 18},       {&P::regex_leaf, 9},
               {&P::cidr_leaf, s.ip ? 30u : 4u}, {&P::time_leaf, s.time ? 30u : 4u},
               {&P::presence_leaf, 8},           {&P::field_pair_leaf, 5}};
  }
  unsigned total = 0;
  for (const auto& c : choices) total += c.second;
  auto roll = static_cast<unsigned>(rng_.below(total));
  for (const auto& [write, weight] : choices) {
    if (roll < weight) return (this->*write)(s);
    roll -= weight;
  }
  return "true";
}

}  // namespace tb::testing::gen
