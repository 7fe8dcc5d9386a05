#include "widgets/provenance_metadata.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QRegularExpression>
#include <QXmlStreamReader>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace srs::widgets {
namespace {

constexpr char kSrsNamespace[] = "urn:srs-workbench:provenance:1";
constexpr int kSchema = 1;

/// Escapes &, < and > (element text only: quotes stay readable in the JSON).
QByteArray xmlEscape(const std::string& text) {
    QByteArray out;
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

const QRegularExpression& createdPattern() {
    static const QRegularExpression re(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?Z$"));
    return re;
}

void checkLine(const std::string& value, const std::string& field) {
    if (value.find_first_of("\r\n") != std::string::npos)
        throw InvalidArgument("figure provenance: " + field + " contains a line break");
}

}  // namespace

void validateProvenance(const FigureProvenance& p) {
    checkLine(p.sessionId, "session_id");
    checkLine(p.stepId, "step_id");
    checkLine(p.softwareVersion, "software_version");
    checkLine(p.regenerateCommand, "regenerate");
    for (const auto& [name, value] : p.fingerprints) {
        if (name.empty() || name.find(':') != std::string::npos)
            throw InvalidArgument("figure provenance: fingerprint name '" + name +
                                  "' must be non-empty and hold no ':'");
        checkLine(name, "fingerprint name '" + name + "'");
        checkLine(value, "fingerprint '" + name + "'");
    }
    if (!p.createdUtc.empty() && !createdPattern().match(QString::fromStdString(p.createdUtc)).hasMatch())
        throw InvalidArgument("figure provenance: created '" + p.createdUtc +
                              "' is not ISO 8601 UTC (YYYY-MM-DDTHH:MM:SSZ)");
}

std::vector<std::pair<std::string, std::string>> provenanceFields(const FigureProvenance& p) {
    std::vector<std::pair<std::string, std::string>> out;
    auto add = [&](const std::string& key, const std::string& value) {
        if (!value.empty()) out.emplace_back(key, value);
    };
    add("software_version", p.softwareVersion);
    add("session_id", p.sessionId);
    add("step_id", p.stepId);
    add("created", p.createdUtc);
    for (const auto& [name, value] : p.fingerprints) out.emplace_back("fingerprint." + name, value);
    add("regenerate", p.regenerateCommand);
    return out;
}

std::string provenanceToJson(const FigureProvenance& p) {
    nlohmann::json j = {{"schema", kSchema},
                        {"session_id", p.sessionId},
                        {"step_id", p.stepId},
                        {"fingerprints", p.fingerprints},
                        {"software_version", p.softwareVersion},
                        {"regenerate", p.regenerateCommand},
                        {"created", p.createdUtc}};
    return j.dump();
}

FigureProvenance provenanceFromJson(const std::string& json, const std::string& where) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(json);
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(where + ": provenance is not valid JSON (" + e.what() + ")");
    }
    if (!j.is_object()) throw FormatError(where + ": provenance: expected a JSON object");
    const int schema = j.value("schema", 0);
    if (schema != kSchema)
        throw FormatError(where + ": provenance schema " + std::to_string(schema) + ", expected " +
                          std::to_string(kSchema));
    FigureProvenance p;
    auto text = [&](const char* key, std::string& out) {
        if (!j.contains(key)) return;
        if (!j[key].is_string()) throw FormatError(where + ": provenance." + key + ": expected a string");
        out = j[key].get<std::string>();
    };
    text("session_id", p.sessionId);
    text("step_id", p.stepId);
    text("software_version", p.softwareVersion);
    text("regenerate", p.regenerateCommand);
    text("created", p.createdUtc);
    if (j.contains("fingerprints")) {
        if (!j["fingerprints"].is_object())
            throw FormatError(where + ": provenance.fingerprints: expected an object of strings");
        for (const auto& [name, value] : j["fingerprints"].items()) {
            if (!value.is_string())
                throw FormatError(where + ": provenance.fingerprints." + name + ": expected a string");
            p.fingerprints[name] = value.get<std::string>();
        }
    }
    return p;
}

QByteArray provenanceRdf(const FigureProvenance& p, const QString& title) {
    QByteArray x;
    x += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         " <rdf:Description rdf:about=\"\"\n"
         "   xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
         "   xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
         "   xmlns:srs=\"";
    x += kSrsNamespace;
    x += "\">\n";
    x += "  <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlEscape(title.toStdString()) +
         "</rdf:li></rdf:Alt></dc:title>\n";
    x += "  <xmp:CreatorTool>SRS Workbench " + xmlEscape(p.softwareVersion) + "</xmp:CreatorTool>\n";
    if (!p.createdUtc.empty()) x += "  <xmp:CreateDate>" + xmlEscape(p.createdUtc) + "</xmp:CreateDate>\n";
    for (const auto& [key, value] : provenanceFields(p)) {
        if (key.rfind("fingerprint.", 0) == 0) continue;
        QByteArray element = QByteArray::fromStdString(key);
        element.replace('_', '-');
        x += "  <srs:" + element + ">" + xmlEscape(value) + "</srs:" + element + ">\n";
    }
    if (!p.fingerprints.empty()) {
        x += "  <srs:fingerprints><rdf:Bag>\n";
        for (const auto& [name, value] : p.fingerprints)
            x += "   <rdf:li>" + xmlEscape(name + ": " + value) + "</rdf:li>\n";
        x += "  </rdf:Bag></srs:fingerprints>\n";
    }
    x += "  <srs:provenance>" + xmlEscape(provenanceToJson(p)) + "</srs:provenance>\n";
    x += " </rdf:Description>\n</rdf:RDF>\n";
    return x;
}

QByteArray provenanceXmpPacket(const FigureProvenance& p, const QString& title) {
    return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
           "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n" +
           provenanceRdf(p, title) + "</x:xmpmeta>\n<?xpacket end=\"r\"?>";
}

QByteArray pdfDate(const FigureProvenance& p) {
    if (p.createdUtc.empty()) return "D:19700101000000";
    const auto m = createdPattern().match(QString::fromStdString(p.createdUtc));
    if (!m.hasMatch())
        throw InvalidArgument("figure provenance: created '" + p.createdUtc + "' is not ISO 8601 UTC");
    QByteArray d = "D:";
    for (int i = 1; i <= 6; ++i) d += m.captured(i).toLatin1();
    return d;
}

QString provenanceCsvHeader(const FigureProvenance& p) {
    QString out;
    for (const auto& [key, value] : provenanceFields(p))
        out += QStringLiteral("# %1: %2\n").arg(QString::fromStdString(key), QString::fromStdString(value));
    return out;
}

namespace {

/// srs:provenance text inside an XMP packet or SVG document; empty when absent.
std::optional<std::string> provenanceElement(const QByteArray& xml, const std::string& where) {
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement &&
            reader.namespaceUri() == QLatin1String(kSrsNamespace) &&
            reader.name() == QLatin1String("provenance"))
            return reader.readElementText().toStdString();
    }
    if (reader.hasError())
        throw FormatError(where + ": metadata is not well-formed XML (" + reader.errorString().toStdString() +
                          ")");
    return std::nullopt;
}

std::optional<FigureProvenance> fromCsv(const QByteArray& bytes, const std::string& where) {
    FigureProvenance p;
    p.softwareVersion.clear();
    bool any = false;
    for (const QByteArray& raw : bytes.split('\n')) {
        if (!raw.startsWith("# ")) break;
        const QString line = QString::fromUtf8(raw.mid(2));
        const int colon = line.indexOf(QLatin1String(": "));
        if (colon <= 0) continue;
        const std::string key = line.left(colon).toStdString();
        const std::string value = line.mid(colon + 2).toStdString();
        any = true;
        if (key == "software_version") p.softwareVersion = value;
        else if (key == "session_id") p.sessionId = value;
        else if (key == "step_id") p.stepId = value;
        else if (key == "created") p.createdUtc = value;
        else if (key == "regenerate") p.regenerateCommand = value;
        else if (key.rfind("fingerprint.", 0) == 0) p.fingerprints[key.substr(12)] = value;
        else throw FormatError(where + ": unknown provenance comment '" + key + "'");
    }
    if (!any) return std::nullopt;
    return p;
}

}  // namespace

std::optional<FigureProvenance> readProvenance(const QString& path) {
    const std::string where = path.toStdString();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        QImage image;
        if (!image.load(path, "PNG")) throw Error(where + ": cannot read as PNG");
        const QString json = image.text(QStringLiteral("srs:provenance"));
        if (json.isEmpty()) return std::nullopt;
        return provenanceFromJson(json.toStdString(), where);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) throw Error(where + ": cannot open (" + file.errorString().toStdString() + ")");
    const QByteArray bytes = file.readAll();
    std::optional<std::string> json;
    if (suffix == QLatin1String("csv")) {
        return fromCsv(bytes, where);
    } else if (suffix == QLatin1String("svg")) {
        json = provenanceElement(bytes, where);
    } else if (suffix == QLatin1String("pdf")) {
        // The XMP packet is an uncompressed stream (Qt never compresses /Metadata).
        const qsizetype begin = bytes.indexOf("<x:xmpmeta");
        const qsizetype end = bytes.indexOf("</x:xmpmeta>", begin);
        if (begin < 0 || end < 0) return std::nullopt;
        json = provenanceElement(bytes.mid(begin, end - begin + 12), where);
    } else {
        throw Error(where + ": cannot read provenance from a ." + suffix.toStdString() + " file");
    }
    if (!json) return std::nullopt;
    return provenanceFromJson(*json, where);
}

}  // namespace srs::widgets
