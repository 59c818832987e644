// Deterministic pseudo-random numbers for tb-gen.
//
// The generator must produce byte-identical output for the same arguments on every platform, so it
// uses its own PRNG (xoshiro256**, seeded through splitmix64) and its own range reduction instead
// of std::uniform_*_distribution, whose algorithm differs between standard libraries.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tbgen {

inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Stateless hash of two values; used to derive sub-seeds and per-window weights.
inline uint64_t mix(uint64_t a, uint64_t b) {
  uint64_t state = a ^ (b * 0xD1B54A32D192ED03ULL) ^ 0x2545F4914F6CDD1DULL;
  splitmix64(state);
  return splitmix64(state);
}

class Rng {
 public:
  explicit Rng(uint64_t seed = 0) { reseed(seed); }

  void reseed(uint64_t seed) {
    uint64_t x = seed;
    for (uint64_t& v : s_) v = splitmix64(x);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) by multiply-shift (Lemire, without rejection: the bias is below 2^-32).
  uint32_t below(uint32_t n) { return uint32_t(((next() >> 32) * uint64_t(n)) >> 32); }
  // Uniform in [lo, hi], inclusive.
  int range(int lo, int hi) { return lo + int(below(uint32_t(hi - lo + 1))); }
  // Uniform in [0, 1) with 53 bits.
  double unit() { return double(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

  template <class T, size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(uint32_t(N))];
  }
  template <class C>
  const auto& pick(const C& items) {
    return items[below(uint32_t(items.size()))];
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace tbgen
