#pragma once
/// How a FigureProvenance is written into exported files and read back from them.
/// Layout of each format: docs/GUI.md, "Provenance".
#include <QByteArray>
#include <QString>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "widgets/plot_export.h"

namespace srs::widgets {

/// Throws srs::InvalidArgument naming the field when one holds a line break, a
/// fingerprint name holds ':' or is empty, or createdUtc is not "YYYY-MM-DDTHH:MM:SS[.f]Z".
void validateProvenance(const FigureProvenance& provenance);

/// (key, value) pairs in a fixed order: software_version, session_id, step_id, created,
/// fingerprint.<name> (sorted by name), regenerate. Empty fields are left out.
std::vector<std::pair<std::string, std::string>> provenanceFields(const FigureProvenance& provenance);

/// Compact JSON with sorted keys: {"created","fingerprints","regenerate","schema":1,
/// "session_id","software_version","step_id"}.
std::string provenanceToJson(const FigureProvenance& provenance);
/// Inverse of provenanceToJson. Throws srs::FormatError naming `where` and the field.
FigureProvenance provenanceFromJson(const std::string& json, const std::string& where);

/// The rdf:RDF element (Dublin Core title, xmp:CreatorTool, xmp:CreateDate, srs:* fields
/// and srs:provenance = the JSON) shared by the PDF's XMP packet and the SVG <metadata>.
QByteArray provenanceRdf(const FigureProvenance& provenance, const QString& title);
/// provenanceRdf wrapped in an XMP packet (x:xmpmeta + xpacket processing instructions).
QByteArray provenanceXmpPacket(const FigureProvenance& provenance, const QString& title);
/// The PDF date "D:YYYYMMDDHHMMSS" of createdUtc (1970-01-01 when empty).
QByteArray pdfDate(const FigureProvenance& provenance);

/// "# key: value\n" lines of provenanceFields, to put in front of a CSV.
QString provenanceCsvHeader(const FigureProvenance& provenance);

/// The provenance embedded in an exported .pdf / .svg / .png / .csv (chosen by suffix).
/// nullopt when the file carries none; srs::FormatError when it is there but malformed;
/// srs::Error when the file cannot be read or the suffix is unknown.
std::optional<FigureProvenance> readProvenance(const QString& path);

}  // namespace srs::widgets
