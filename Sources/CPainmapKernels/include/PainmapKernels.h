#ifndef PAINMAP_KERNELS_H
#define PAINMAP_KERNELS_H

#include <stdint.h>
#include "PainmapScoring.h"

/// Adds xs[r] * rows[r][l] to acc[l] for every row r in order (0..<count) and every lane l (0..<8 * blocks),
/// each term a single-precision multiply followed by a single-precision add (never fused): per lane, the
/// same operations in the same order as the scalar loop `acc[l] += xs[r] * rows[r][l]`, so the sums are
/// bit for bit those of that loop.
/// Returns 0 without touching `acc` when this CPU lacks AVX2: the caller then runs its own loop.
int pm_accumulate_rows(float *acc, const float *const *rows, const float *xs, long count, long blocks);

#endif
