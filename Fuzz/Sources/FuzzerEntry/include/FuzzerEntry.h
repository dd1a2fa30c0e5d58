// SwiftPM links an executable with `main` defined as `<module>_main` (so that tests can import
// the module); with -parse-as-library no such symbol exists and libFuzzer's own `main` is not
// used. This target supplies `ParseFuzzer_main`, which hands over to libFuzzer's driver.
#include <stddef.h>
#include <stdint.h>

// Defined in Swift (ParseFuzzer.swift) with @_cdecl.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
