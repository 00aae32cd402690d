// A 100 000-row ledger: produced quickly and in flat memory (DESIGN.md: < 5 s, memory flat).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include "export/ledger_sample.hpp"
#include "export/ledger_xlsx.hpp"
#include "test_util.hpp"

namespace envgrid::exporter {
namespace {
namespace fs = std::filesystem;

// A field of /proc/self/status in KiB ("VmRSS", "VmHWM").
long status_kib(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  return -1;
}

// Resets VmHWM to the current RSS (Linux >= 4.0), so it measures from here on.
bool reset_peak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  return static_cast<bool>(out.flush());
}

TEST(LedgerXlsxScale, HundredThousandRowsInFlatMemory) {
  constexpr std::size_t kRows = 100'000;
  const fs::path dir = test::scratch_dir("ledger100k");
  const fs::path xlsx = dir / "ledger.xlsx";
  // Rows are generated up front so the measurement covers the exporter alone.
  std::vector<LedgerRow> sample;
  for (std::size_t i = 0; i < 1000; ++i) sample.push_back(sample_ledger_row(i));

  const bool hwm = reset_peak();
  const long base = status_kib("VmRSS");
  long sampled_peak = base;
  const auto t0 = std::chrono::steady_clock::now();
  LedgerXlsx ledger(xlsx, "示范街道问题台账（2024-09-01 至 2024-09-30）",
                    LedgerOptions{.thumbnails = false, .tmpdir = dir});
  for (std::size_t i = 0; i < kRows; ++i) {
    ledger.add(sample[i % sample.size()]);
    if (i % 5000 == 0) sampled_peak = std::max(sampled_peak, status_kib("VmRSS"));
  }
  const auto done = ledger.finish();
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  sampled_peak = std::max(sampled_peak, status_kib("VmRSS"));
  const long peak = hwm ? std::max(sampled_peak, status_kib("VmHWM")) : sampled_peak;

  ASSERT_TRUE(done.ok()) << done.error().detail;
  EXPECT_EQ(done.value(), kRows);
  const auto size = fs::file_size(xlsx);
  std::cout << "[ ledger ] " << kRows << " rows in " << secs << " s, file " << size / 1024
            << " KiB, RSS growth " << (peak - base) << " KiB (base " << base << " KiB"
            << (hwm ? ", VmHWM" : ", sampled") << ")\n";
  RecordProperty("seconds", std::to_string(secs));
  RecordProperty("rss_growth_kib", std::to_string(peak - base));
  // About 45 MB of cell text goes through; holding it would show as tens of MiB.
#if !defined(__SANITIZE_ADDRESS__)  // ASan's quarantine holds freed memory: RSS says nothing there
  EXPECT_LT(peak - base, 12 * 1024) << "memory is not flat";
#endif
  // Speed is a benchmark's business (docs/benchmarks.md), not a test's: no timed assertion.
  EXPECT_GT(size, 1'000'000u);
  const std::string bytes = test::read_file(xlsx);
  const std::string sheet = *test::zip_entry(bytes, "xl/worksheets/sheet1.xml");
  // Title and header above the data: the last data row is 100 002.
  EXPECT_NE(sheet.find("<autoFilter ref=\"A2:N100002\"/>"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace envgrid::exporter
