#pragma once
// Synthetic ledger rows with realistic Chinese text, for benchmarks and tests of the
// exporters (no database needed).
#include <cstddef>

#include "export/ledger_xlsx.hpp"

namespace envgrid::exporter {

// Row i of a synthetic ledger (deterministic; about 500 bytes of text, no thumbnails).
LedgerRow sample_ledger_row(std::size_t i);

}  // namespace envgrid::exporter
