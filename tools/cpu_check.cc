// The startup check that this CPU runs the x86-64 level the program was compiled for
// (FIRECOUNT_X86_LEVEL in CMakeLists.txt): a binary built for x86-64-v3 and copied to an older
// machine stops with a message saying how to build it for that machine, instead of dying of an
// illegal instruction somewhere.
//
// This file alone is compiled for plain x86-64, and its check runs as a constructor of priority
// 101, before the constructors of default priority (every static object of the program; the
// shared libraries it loads are compiled for plain x86-64 anyway). It writes with write(2) and
// leaves with _exit(): nothing compiled for the higher level runs.
//
// Threading: runs once, before main(), on the only thread.

#if defined(FIRECOUNT_X86_64_V3) && (defined(__x86_64__) || defined(_M_X64))

#include <unistd.h>

#include <cstring>

namespace firecount {
namespace {

__attribute__((constructor(101))) void check_cpu_level() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
      __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("fma") &&
      __builtin_cpu_supports("movbe") && __builtin_cpu_supports("popcnt")) {
    return;
  }
  const char* message =
      "firecount: this CPU lacks the x86-64-v3 instructions (AVX2, BMI2, FMA, MOVBE) this build "
      "was compiled for; rebuild on this machine, or for any x86-64 CPU with\n"
      "  cmake -S . -B build -DFIRECOUNT_X86_LEVEL=x86-64 && cmake --build build\n";
  const ssize_t ignored = ::write(2, message, std::strlen(message));
  (void)ignored;
  _exit(2);
}

}  // namespace
}  // namespace firecount

#endif
