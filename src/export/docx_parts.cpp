#include "export/docx_parts.hpp"

#include "export/xml.hpp"

namespace envgrid::exporter::docx {
namespace {

constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kPkgRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kOfficeRel =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr const char* kWml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

std::string fonts(const char* f) {
  const std::string q = std::string("\"") + f + "\"";
  return "<w:rFonts w:ascii=" + q + " w:hAnsi=" + q + " w:eastAsia=" + q + " w:cs=" + q + "/>";
}

std::string size(int half_points) {
  const std::string v = std::to_string(half_points);
  return "<w:sz w:val=\"" + v + "\"/><w:szCs w:val=\"" + v + "\"/>";
}

std::string text_element(std::string_view s) {
  return "<w:t xml:space=\"preserve\">" + xml_escape(s) + "</w:t>";
}

// One paragraph style; ppr and rpr are inner XML in schema order.
std::string style(const char* id, const char* name, const std::string& ppr,
                  const std::string& rpr, const char* based_on = "Normal") {
  std::string s = std::string("<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"") +
                  id + "\"><w:name w:val=\"" + name + "\"/>";
  if (based_on) s += std::string("<w:basedOn w:val=\"") + based_on + "\"/>";
  s += "<w:qFormat/>";
  if (!ppr.empty()) s += "<w:pPr>" + ppr + "</w:pPr>";
  if (!rpr.empty()) s += "<w:rPr>" + rpr + "</w:rPr>";
  return s + "</w:style>";
}

std::string exact(int twips) {
  return "<w:spacing w:line=\"" + std::to_string(twips) + "\" w:lineRule=\"exact\"/>";
}
constexpr const char* kSingle = "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>";
constexpr const char* kNoIndent = "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>";
constexpr const char* kBodyIndent = "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>";

std::string heading(int level, const char* font, bool bold) {
  const std::string id = "Heading" + std::to_string(level);
  const std::string name = "heading " + std::to_string(level);
  std::string s = "<w:style w:type=\"paragraph\" w:styleId=\"" + id + "\"><w:name w:val=\"" +
                  name + "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"GwBody\"/><w:qFormat/>";
  s += "<w:pPr><w:keepNext/>" + std::string(kBodyIndent) + "<w:outlineLvl w:val=\"" +
       std::to_string(level - 1) + "\"/></w:pPr>";
  s += "<w:rPr>" + fonts(font) + (bold ? "<w:b/><w:bCs/>" : "") + "</w:rPr></w:style>";
  return s;
}

}  // namespace

std::string run(std::string_view text, const RunProps& p) {
  std::string rpr;
  if (p.font) rpr += fonts(p.font);
  if (p.bold) rpr += "<w:b/><w:bCs/>";
  if (p.not_bold) rpr += "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>";
  if (p.color) rpr += std::string("<w:color w:val=\"") + p.color + "\"/>";
  if (p.half_points) rpr += size(p.half_points);
  std::string out = "<w:r>";
  if (!rpr.empty()) out += "<w:rPr>" + rpr + "</w:rPr>";
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n' && text[i] != '\t') continue;
    if (i > start) out += text_element(text.substr(start, i - start));
    if (i < text.size()) out += text[i] == '\n' ? "<w:br/>" : "<w:tab/>";
    start = i + 1;
  }
  return out + "</w:r>";
}

std::string content_types() {
  std::string s = std::string(kXmlDecl) +
                  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                  "<Default Extension=\"rels\" ContentType=\"application/"
                  "vnd.openxmlformats-package.relationships+xml\"/>"
                  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                  "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>";
  auto over = [&](const char* part, std::string type) {
    s += std::string("<Override PartName=\"") + part + "\" ContentType=\"" + type + "\"/>";
  };
  over("/word/document.xml", std::string(kWml) + "document.main+xml");
  over("/word/styles.xml", std::string(kWml) + "styles+xml");
  over("/word/settings.xml", std::string(kWml) + "settings+xml");
  over("/word/fontTable.xml", std::string(kWml) + "fontTable+xml");
  over("/word/footer1.xml", std::string(kWml) + "footer+xml");
  over("/word/footer2.xml", std::string(kWml) + "footer+xml");
  over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  over("/docProps/app.xml",
       "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  return s + "</Types>";
}

std::string package_rels() {
  return std::string(kXmlDecl) + "<Relationships xmlns=\"" + kPkgRelNs + "\">" +
         "<Relationship Id=\"rId1\" Type=\"" + kOfficeRel +
         "officeDocument\" Target=\"word/document.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"" +
         kOfficeRel + "extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";
}

std::string document_rels(const std::vector<std::string>& media_names) {
  std::string s = std::string(kXmlDecl) + "<Relationships xmlns=\"" + kPkgRelNs + "\">";
  auto rel = [&](const std::string& id, const char* type, const std::string& target) {
    s += "<Relationship Id=\"" + id + "\" Type=\"" + kOfficeRel + type + "\" Target=\"" +
         target + "\"/>";
  };
  rel("rIdStyles", "styles", "styles.xml");
  rel("rIdSettings", "settings", "settings.xml");
  rel("rIdFonts", "fontTable", "fontTable.xml");
  rel("rIdFooterOdd", "footer", "footer1.xml");
  rel("rIdFooterEven", "footer", "footer2.xml");
  for (std::size_t i = 0; i < media_names.size(); ++i)
    rel("img" + std::to_string(i + 1), "image", "media/" + media_names[i]);
  return s + "</Relationships>";
}

std::string styles() {
  std::string s = std::string(kXmlDecl) + "<w:styles xmlns:w=\"" + kW + "\">";
  s += "<w:docDefaults><w:rPrDefault><w:rPr>"
       "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"" +
       std::string(kFangSong) +
       "\" w:cs=\"Times New Roman\"/><w:kern w:val=\"2\"/>" + size(32) +
       "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
       "<w:pPrDefault><w:pPr>" + exact(kLine) + "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault>"
       "</w:docDefaults>";
  s += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
       "w:val=\"Normal\"/><w:qFormat/><w:pPr><w:widowControl w:val=\"0\"/></w:pPr></w:style>";
  s += "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
       "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
       "<w:unhideWhenUsed/></w:style>";
  s += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name "
       "w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
       "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
       "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
       "</w:tblCellMar></w:tblPr></w:style>";
  s += style("GwBody", "公文正文", kBodyIndent, "");
  s += style("GwHeader", "版头", std::string(kSingle) + "<w:jc w:val=\"center\"/>",
             fonts(kXiaoBiaoSong) + "<w:color w:val=\"FF0000\"/><w:w w:val=\"90\"/>");
  s += style("GwDocNumber", "发文字号", "<w:jc w:val=\"center\"/>", "");
  s += style("GwTitle", "公文标题", exact(700) + "<w:jc w:val=\"center\"/>",
             fonts(kXiaoBiaoSong) + "<w:b/><w:bCs/>" + size(44));
  s += heading(1, kHei, false) + heading(2, kKai, false) + heading(3, kFangSong, true) +
       heading(4, kFangSong, false);
  s += style("GwTableText", "表格文字", "<w:snapToGrid w:val=\"0\"/>" + exact(400) +
                                            "<w:jc w:val=\"center\"/>",
             size(28));
  s += style("GwPicture", "图片", std::string("<w:keepNext/><w:snapToGrid w:val=\"0\"/>") +
                                      "<w:spacing w:before=\"120\" w:line=\"240\" "
                                      "w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
             "");
  s += style("GwCaption", "图注", exact(400) + "<w:jc w:val=\"center\"/>",
             fonts(kKai) + size(28));
  s += style("GwSignature", "落款", "<w:jc w:val=\"right\"/>", "");
  s += style("GwImprint", "版记", "<w:snapToGrid w:val=\"0\"/>" + exact(440), size(28));
  s += style("Footer", "footer", std::string(kSingle), fonts(kSong) + size(28));
  return s + "</w:styles>";
}

std::string settings() {
  return std::string(kXmlDecl) + "<w:settings xmlns:w=\"" + kW + "\">" +
         "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>"
         "<w:evenAndOddHeaders/>"
         "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
         "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
         "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
         "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:settings>";
}

std::string font_table() {
  std::string s = std::string(kXmlDecl) + "<w:fonts xmlns:w=\"" + kW + "\">";
  // altName is the substitute Word and LibreOffice use where the 公文 font is missing.
  auto font = [&](const char* name, const char* alt, const char* charset) {
    s += std::string("<w:font w:name=\"") + name + "\">";
    if (alt) s += std::string("<w:altName w:val=\"") + alt + "\"/>";
    s += std::string("<w:charset w:val=\"") + charset +
         "\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>";
  };
  font(kFangSong, "仿宋", "86");
  font(kXiaoBiaoSong, "宋体", "86");
  font(kKai, "楷体", "86");
  font(kHei, "SimHei", "86");
  font(kSong, "SimSun", "86");
  font("Times New Roman", nullptr, "00");
  return s + "</w:fonts>";
}

std::string footer(bool even_page) {
  // GB/T 9704: 4号 Arabic numerals between em dashes, odd pages right and even pages
  // left, one character in from the edge of the type area.
  const std::string ind = even_page ? "<w:ind w:left=\"280\"/>" : "<w:ind w:right=\"280\"/>";
  const std::string jc = even_page ? "left" : "right";
  return std::string(kXmlDecl) + "<w:ftr xmlns:w=\"" + kW + "\" xmlns:r=\"" + kRelNs + "\">" +
         "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/>" + ind + "<w:jc w:val=\"" + jc +
         "\"/></w:pPr>" + run("— ") +
         "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
         "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" +
         run("1") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" + run(" —") +
         "</w:p></w:ftr>";
}

std::string core_props(std::string_view title, std::string_view creator) {
  return std::string(kXmlDecl) +
         "<cp:coreProperties "
         "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
         "<dc:title>" + xml_escape(title) + "</dc:title><dc:creator>" + xml_escape(creator) +
         "</dc:creator></cp:coreProperties>";
}

std::string app_props() {
  return std::string(kXmlDecl) +
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "extended-properties\"><Application>envgrid</Application></Properties>";
}

std::string section_properties() {
  return "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>"
         "<w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>"
         "<w:pgSz w:w=\"" + std::to_string(kPageW) + "\" w:h=\"" + std::to_string(kPageH) +
         "\"/><w:pgMar w:top=\"" + std::to_string(kMarginTop) + "\" w:right=\"" +
         std::to_string(kMarginRight) + "\" w:bottom=\"" + std::to_string(kMarginBottom) +
         "\" w:left=\"" + std::to_string(kMarginLeft) +
         "\" w:header=\"851\" w:footer=\"1304\" w:gutter=\"0\"/>"
         "<w:cols w:space=\"425\"/></w:sectPr>";
}

}  // namespace envgrid::exporter::docx
