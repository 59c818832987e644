#pragma once
// The stdlib data files, embedded into the binary at build time (see stdlib/CMakeLists.txt).
#include <string_view>

namespace tb::stdlib {

// stdlib/schema/cloudtrail.json
std::string_view cloudtrail_schema_json();

}  // namespace tb::stdlib
