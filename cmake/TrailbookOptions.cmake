# Compiler flags for trailbook's own code. Generated ANTLR code gets its own, laxer flags (grammar/).

# Debian's ANTLR 4.7.2 tool emits u8"" literals that only compile against runtime 4.9 without char8_t.
add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-fno-char8_t>)

# libFuzzer targets (tests/fuzz): everything gets coverage instrumentation for the fuzzer, and
# ASan + UBSan so that a bad read is a crash the fuzzer reports.
if(TRAILBOOK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TRAILBOOK_FUZZ needs clang (libFuzzer): CC=clang-16 CXX=clang++-16")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(TRAILBOOK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Applied per target with trailbook_target(), never globally, so generated code is not held to them.
set(TRAILBOOK_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wimplicit-fallthrough -Werror)
# GCC 12 at -O3 reports `"x" + std::string(...)` as overlapping memcpy (GCC bug 105329, a false
# positive inside libstdc++), so -Wrestrict cannot be an error in Release builds.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND TRAILBOOK_WARNINGS -Wno-restrict)
endif()

function(trailbook_target target)
  target_compile_options(${target} PRIVATE ${TRAILBOOK_WARNINGS})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
endfunction()
