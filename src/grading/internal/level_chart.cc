// LevelChartSvg: geometry of the per-level bar chart.
#include "grading/internal/level_chart.h"

#include <fmt/format.h>

#include <algorithm>

namespace cv::grading::internal {
namespace {

constexpr int kWidth = 460;
constexpr int kHeight = 230;
constexpr int kLeft = 44;  // room for y tick labels
constexpr int kRight = 12;
constexpr int kTop = 26;     // room for the count above the tallest bar
constexpr int kBottom = 46;  // room for two lines of x labels
constexpr int kPlotW = kWidth - kLeft - kRight;
constexpr int kPlotH = kHeight - kTop - kBottom;
constexpr int kSlot = kPlotW / kMaxLevel;
constexpr int kBarW = 46;

// An integer tick step giving at most four intervals up to `max`.
int TickStep(int max) { return std::max(1, (max + 3) / 4); }

double Y(int value, int top) { return kTop + kPlotH - static_cast<double>(value) * kPlotH / top; }

void AppendGrid(int top, int step, std::string& out) {
  for (int v = 0; v <= top; v += step) {
    const double y = Y(v, top);
    out += fmt::format(
        R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="{}" stroke-width="1"/>)", kLeft, y,
        kWidth - kRight, y, v == 0 ? "#9aa5b1" : "#e4e7eb");
    out += fmt::format(R"(<text x="{}" y="{:.1f}" text-anchor="end" class="tick">{}</text>)",
                       kLeft - 8, y + 4, v);
  }
}

void AppendBar(int level, int count, int top, std::string& out) {
  const int x = kLeft + (level - 1) * kSlot + (kSlot - kBarW) / 2;
  const double y = Y(count, top);
  const double h = kTop + kPlotH - y;
  out += fmt::format(
      R"(<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" rx="3" fill="{}"><title>{} {}</title></rect>)",
      x, y, kBarW, h, LevelColor(level), level, count);
  out += fmt::format(R"(<text x="{}" y="{:.1f}" text-anchor="middle" class="count">{}</text>)",
                     x + kBarW / 2, y - 6, count);
  const int label_y = kTop + kPlotH + 18;
  out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" class="lvl">{}级</text>)",
                     x + kBarW / 2, label_y, level);
  out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" class="tick">Level {}</text>)",
                     x + kBarW / 2, label_y + 15, level);
}

}  // namespace

std::string_view LevelColor(int level) {
  // Green (public) through blue, amber, red to deep plum (important data).
  static constexpr std::string_view kColors[] = {"#2f855a", "#2b6cb0", "#b7791f", "#c53030",
                                                 "#702459"};
  return kColors[ClampLevel(level) - 1];
}

std::string LevelChartSvg(const std::array<int, kMaxLevel + 1>& by_level) {
  const int max = *std::max_element(by_level.begin() + 1, by_level.end());
  const int step = TickStep(max);
  const int top = std::max(step, (max + step - 1) / step * step);
  std::string label = "Columns per level:";
  for (int l = kMinLevel; l <= kMaxLevel; ++l) label += fmt::format(" L{}={}", l, by_level[l]);
  std::string out = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}"><title>{}</title>)",
      kWidth, kHeight, kWidth, kHeight, label, label);
  AppendGrid(top, step, out);
  for (int l = kMinLevel; l <= kMaxLevel; ++l) AppendBar(l, by_level[l], top, out);
  out += "</svg>";
  return out;
}

}  // namespace cv::grading::internal
