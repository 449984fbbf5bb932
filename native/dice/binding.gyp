# The optional native Dice kernel (ADR 0133). Built by `npm install` (scripts/build-native.ts);
# when it cannot be built the service uses the WebAssembly kernel.
{
  "targets": [
    {
      "target_name": "dice",
      "sources": ["dice.c"],
      "include_dirs": ["../common"],
      "cflags!": ["-O2"],
      "cflags_c": ["-O3", "-march=native", "-std=c11", "-Wall", "-Wextra"]
    }
  ]
}
