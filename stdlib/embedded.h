#pragma once
// The stdlib data files, embedded into the binary at build time (see stdlib/CMakeLists.txt).
#include <optional>
#include <string>
#include <string_view>

namespace tb::stdlib {

// stdlib/schema/cloudtrail.json
std::string_view cloudtrail_schema_json();

// stdlib/catalog/aws_api.json
std::string_view aws_api_catalog_json();

// The source of a standard module such as "std.aws" (stdlib/lib/aws.tb), if there is one.
std::optional<std::string> module_source(std::string_view name);

}  // namespace tb::stdlib
