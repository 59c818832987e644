# Build-time script: writes a C++ source that defines a function returning the content of a data
# file, so that the trailbook binary carries its stdlib and needs no files beside it.
#   cmake -DINPUT=... -DOUTPUT=... -DFUNCTION=... -P EmbedFile.cmake
file(READ "${INPUT}" content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
# Bytes as a comma-separated list: immune to any delimiter that the data might contain.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/EmbedFile.cmake. Do not edit.\n"
  "#include <string_view>\n"
  "namespace tb::stdlib {\n"
  "namespace { const char kData[] = {${bytes} 0}; }\n"
  "std::string_view ${FUNCTION}() { return {kData, ${byte_count}}; }\n"
  "}  // namespace tb::stdlib\n")
