# Every dependency comes from Debian 12's packages (scripts/install-deps).
find_package(LLVM 16 REQUIRED CONFIG PATHS /usr/lib/llvm-16/lib/cmake/llvm NO_DEFAULT_PATH)
find_package(simdjson REQUIRED CONFIG)
find_package(fmt REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(ZLIB REQUIRED)
find_package(GTest REQUIRED CONFIG)
find_package(antlr4-runtime REQUIRED CONFIG)
find_program(ANTLR4_TOOL antlr4 REQUIRED)

find_path(LIBDEFLATE_INCLUDE_DIR libdeflate.h REQUIRED)
find_library(LIBDEFLATE_LIBRARY deflate REQUIRED)
add_library(trailbook_libdeflate INTERFACE)
target_include_directories(trailbook_libdeflate SYSTEM INTERFACE ${LIBDEFLATE_INCLUDE_DIR})
target_link_libraries(trailbook_libdeflate INTERFACE ${LIBDEFLATE_LIBRARY})

# zstd-compressed logs (.json.zst), detected by content like gzip.
find_path(ZSTD_INCLUDE_DIR zstd.h REQUIRED)
find_library(ZSTD_LIBRARY zstd REQUIRED)
add_library(trailbook_zstd INTERFACE)
target_include_directories(trailbook_zstd SYSTEM INTERFACE ${ZSTD_INCLUDE_DIR})
target_link_libraries(trailbook_zstd INTERFACE ${ZSTD_LIBRARY})

# Vectorscan (Hyperscan's portable fork) for the raw-byte prefilter's multi-literal search.
find_path(VECTORSCAN_INCLUDE_DIR hs/hs.h REQUIRED)
find_library(VECTORSCAN_LIBRARY hs REQUIRED)
add_library(trailbook_vectorscan INTERFACE)
target_include_directories(trailbook_vectorscan SYSTEM INTERFACE ${VECTORSCAN_INCLUDE_DIR})
target_link_libraries(trailbook_vectorscan INTERFACE ${VECTORSCAN_LIBRARY})

# LLVM as one interface target; Debian's libLLVM-16.so links fast and keeps binaries small.
add_library(trailbook_llvm INTERFACE)
target_include_directories(trailbook_llvm SYSTEM INTERFACE ${LLVM_INCLUDE_DIRS})
target_compile_definitions(trailbook_llvm INTERFACE ${LLVM_DEFINITIONS})
target_link_libraries(trailbook_llvm INTERFACE LLVM)
find_package(Threads REQUIRED)
