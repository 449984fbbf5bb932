# The optional native matching sweep (ADR 0178). Built by `npm install` (scripts/build-native.ts)
# beside the Dice kernel; when it cannot be built the batch scorer uses the JavaScript sweep.
{
  "targets": [
    {
      "target_name": "sweep",
      "sources": ["sweep.c", "model.c", "pairs.c", "capped.c"],
      "include_dirs": ["../common"],
      "cflags!": ["-O2"],
      "cflags_c": ["-O3", "-march=native", "-std=c11", "-ffp-contract=off", "-fno-math-errno", "-fno-trapping-math", "-Wall", "-Wextra"]
    }
  ]
}
