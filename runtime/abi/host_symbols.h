#pragma once
// Every host function of kernel_abi.h with its name, for the JIT to define as absolute symbols.
// Kernels then resolve them whether or not the executable exports its symbols (-rdynamic), and
// referring to this table links all of host_functions.cpp, so no host function is dropped.
#include <span>

namespace tb::abi {

struct HostSymbol {
  const char* name;
  const void* address;
};

std::span<const HostSymbol> host_symbols();

}  // namespace tb::abi
