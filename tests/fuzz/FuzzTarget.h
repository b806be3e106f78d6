#pragma once

#include <cstddef>
#include <cstdint>

// What every fuzz target defines: libFuzzer calls it with each input, ReplayMain with each file.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
