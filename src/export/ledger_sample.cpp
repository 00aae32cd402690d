#include "export/ledger_sample.hpp"

#include <array>
#include <string>

namespace envgrid::exporter {
namespace {

constexpr std::array<const char*, 6> kSources = {"网格员巡查", "督查组检查", "群众投诉",
                                                 "上级暗访", "媒体曝光", "单位自查"};
constexpr std::array<const char*, 6> kCategories = {"暴露垃圾", "非法小广告", "占道经营",
                                                    "乱堆杂物", "私搭乱建", "机动车乱停放"};
constexpr std::array<const char*, 5> kStreets = {"文峰路", "凤凰路", "孝水路", "山川路",
                                                 "沿河路"};
constexpr std::array<const char*, 4> kUnits = {"城管执法中队", "环卫所", "东关社区居委会",
                                               "市场监管所"};
constexpr std::array<const char*, 4> kStates = {"已结案", "处置中", "待核查", "已立案"};

template <class A>
const char* pick(const A& a, std::size_t i) { return a[i % a.size()]; }

std::string two(std::size_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

LedgerRow sample_ledger_row(std::size_t i) {
  LedgerRow r;
  const std::size_t day = 1 + i % 28;
  r.number = "202409" + two(day) + std::to_string(10000 + i % 90000);
  r.source = pick(kSources, i);
  r.category = pick(kCategories, i / 7);
  r.address = std::string("将军路街道") + pick(kStreets, i / 3) + std::to_string(1 + i % 300) +
              "号东侧人行道（近公交站台）";
  r.grid = "将军路第" + std::to_string(1 + i % 48) + "网格";
  r.unit = pick(kUnits, i / 5);
  r.description = std::string("巡查发现") + pick(kStreets, i / 3) + "沿线存在" +
                  pick(kCategories, i / 7) +
                  "问题，影响市容环境和群众出行，现场已拍照取证，需责任单位限期整改到位并"
                  "做好长效管理，防止反弹。";
  r.deadline = "2024-09-" + two(day) + " 17:30";
  r.state = pick(kStates, i);
  if (r.state == std::string("已结案")) {
    r.handling = "已组织人员清理完毕，恢复整洁，并对周边商户进行了劝导。";
    r.closed_at = "2024-09-" + two(day) + " 16:20";
  }
  return r;
}

}  // namespace envgrid::exporter
