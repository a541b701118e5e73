// The HTML report's style sheet, inlined into the page (the CSP allows inline styles only).
// Screen and print (A4 landscape, one dataset per page, colours kept).
#ifndef CV_GRADING_INTERNAL_REPORT_CSS_H_
#define CV_GRADING_INTERNAL_REPORT_CSS_H_

#include <string_view>

namespace cv::grading::internal {

inline constexpr std::string_view kReportCss = R"css(
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f3f5f8;--card:#fff;--accent:#17325c;
--l1:#2f855a;--l2:#2b6cb0;--l3:#b7791f;--l4:#c53030;--l5:#702459;
--c3:#c53030;--c2:#c05621;--c1:#2b6cb0;--c0:#718096}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.55 -apple-system,BlinkMacSystemFont,
"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",
"WenQuanYi Micro Hei",Roboto,"Helvetica Neue",Arial,sans-serif}
header.page{background:var(--accent);color:#fff;padding:26px 40px 22px}
header.page .kicker{font-size:12px;letter-spacing:.12em;text-transform:uppercase;opacity:.75}
header.page h1{margin:4px 0 0;font-size:24px;font-weight:600}
header.page h1 .en{font-weight:400;opacity:.8;font-size:18px;margin-left:10px}
header.page .meta{display:flex;flex-wrap:wrap;gap:6px 32px;margin-top:14px;font-size:13px}
header.page .meta b{font-weight:600}
main{max-width:1280px;margin:0 auto;padding:24px 32px 8px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:22px 28px;
margin-bottom:26px;box-shadow:0 1px 3px rgba(16,42,67,.07)}
h2{font-size:19px;margin:0 0 16px;overflow-wrap:anywhere}
h2 .label{display:block;font-size:12px;font-weight:500;color:var(--muted);letter-spacing:.06em}
h3{font-size:15px;margin:26px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line);color:#243b53}
h3 .en{font-weight:400;color:var(--muted);margin-left:6px}
.summary{display:grid;grid-template-columns:150px 1fr;gap:24px;align-items:start}
.level-card{border-radius:8px;color:#fff;text-align:center;padding:14px 8px}
.level-card .n{font-size:44px;font-weight:700;line-height:1}
.level-card .t{font-size:13px;margin-top:4px;opacity:.95}
dl.facts{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:5px 18px;margin:0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;font-weight:500;overflow-wrap:anywhere}
.reason{margin-top:12px;padding:8px 12px;background:#f0f4f8;border-radius:6px}
.reason b{color:#334e68}
.badge{display:inline-block;min-width:2.4em;padding:1px 8px;border-radius:10px;color:#fff;
font-weight:600;font-size:12px;text-align:center;white-space:nowrap}
.lv1{background:var(--l1)}.lv2{background:var(--l2)}.lv3{background:var(--l3)}
.lv4{background:var(--l4)}.lv5{background:var(--l5)}
.cat{display:inline-block;padding:0 7px;border-radius:4px;border:1px solid;font-size:12px;
font-weight:600;white-space:nowrap}
.cat-C3{color:var(--c3);background:#fff5f5}.cat-C2{color:var(--c2);background:#fffaf0}
.cat-C1{color:var(--c1);background:#ebf8ff}.cat-none{color:var(--c0);background:#f7fafc}
.alert{border:1px solid #feb2b2;border-left:6px solid var(--c3);background:#fff5f5;padding:14px 18px;
border-radius:6px;margin:20px 0 4px}
.alert h3{border:0;margin:0 0 6px;padding:0;color:#9b2c2c}
.alert ul{margin:6px 0 8px;padding-left:20px}.alert .law{font-size:12px;color:#742a2a}
.dist{display:grid;grid-template-columns:auto 1fr;gap:28px;align-items:start}
figure{margin:0}figcaption{font-size:12px;color:var(--muted);text-align:center}
svg.chart{max-width:100%;height:auto}
svg.chart .tick{font-size:11px;fill:#616e7c}svg.chart .count{font-size:13px;font-weight:600;fill:#1f2933}
svg.chart .lvl{font-size:12px;fill:#1f2933}
table{width:100%;border-collapse:collapse;font-size:13px}
th{background:#f0f4f8;text-align:left;font-weight:600;color:#334e68;padding:7px 8px;
border-bottom:2px solid var(--line);white-space:nowrap;vertical-align:bottom}
th .en{display:block;font-weight:400;font-size:11px;color:var(--muted)}
td{padding:7px 8px;border-bottom:1px solid var(--line);vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.name{font-weight:600;overflow-wrap:anywhere;unicode-bidi:isolate;min-width:7em}
td.name .muted{font-weight:400}td.conf{white-space:nowrap}
tr.prohibited td{background:#fff5f5}tr.prohibited td:first-child{box-shadow:inset 4px 0 0 var(--c3)}
.tag{display:inline-block;font-size:11px;font-weight:700;color:#fff;background:var(--c3);
border-radius:3px;padding:0 5px;margin-left:4px}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12px}
.muted{color:var(--muted);font-size:12px}
.confbar{display:inline-block;width:44px;height:5px;background:#e4e7eb;border-radius:3px;
vertical-align:middle;margin-left:6px;overflow:hidden}.confbar i{display:block;height:100%;background:#486581}
.actions{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:14px;align-items:start}
.action{border:1px solid var(--line);border-top-width:4px;border-radius:6px;padding:12px 16px}
.action h4{margin:0 0 6px;font-size:14px}
ul.applies{columns:2;column-gap:16px;list-style:none;margin:2px 0 10px;padding:0;font-size:13px}
ul.applies li{break-inside:avoid;overflow-wrap:anywhere}.applies-col{font-weight:600}
.action dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 8px;font-size:12px}
.action dt{color:var(--muted)}.action dd{margin:0}
.action ol{margin:0;padding-left:20px;font-size:13px}.action li{margin:2px 0}
.action .sub{margin:8px 0 2px;font-size:12px;color:var(--muted)}
.action ul.percol{margin:0;padding-left:20px;font-size:13px}
.action .stop{color:#9b2c2c;font-weight:600;margin:0 0 8px}
.b-lv1{border-top-color:var(--l1)}.b-lv2{border-top-color:var(--l2)}.b-lv3{border-top-color:var(--l3)}
.b-lv4{border-top-color:var(--l4)}.b-lv5{border-top-color:var(--l5)}
.note{font-size:13px;color:var(--muted)}
footer{max-width:1280px;margin:0 auto;padding:4px 32px 40px;color:var(--muted);font-size:12px}
footer ol{padding-left:18px}
@media screen and (max-width:800px){.summary,.dist{grid-template-columns:1fr}dl.facts{grid-template-columns:max-content 1fr}}
@media print{
@page{size:A4 landscape;margin:12mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{background:#fff;font-size:11px}
header.page{background:#fff;color:var(--ink);border-bottom:3px solid var(--accent);padding:0 0 10px}
main,footer{max-width:none;padding:0}
.card{box-shadow:none;border:0;padding:0;margin:16px 0}
section.source+section.source{break-before:page}
tr,.action,.alert,figure,.summary{break-inside:avoid}
thead{display:table-header-group}
h3{break-after:avoid}
}
)css";

}  // namespace cv::grading::internal

#endif  // CV_GRADING_INTERNAL_REPORT_CSS_H_
