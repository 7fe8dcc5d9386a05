// Figure steps end to end: `srs probe prune-curve --session` + `srs figure --session` (PNG,
// PDF, SVG of that curve) -> `srs replay --check` re-renders every figure through srs-render
// byte for byte; the provenance read back from the PNG text chunks (a Python chunk reader)
// and the PDF XMP (pdfinfo -meta) names the session, step, input fingerprint and the
// regenerate command; a changed drawing is a mismatch naming the step; srs-render refuses
// bad specs and data without leaving output behind.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>

#include "test_util.h"
#include "tests/core/probe_synthetic_cache.h"

namespace fs = std::filesystem;
using srs::test::quote;
using srs::test::readFile;
using srs::test::run;
using srs::test::runSrs;
using srs::test::TempDir;
using srs::test::writeFile;

namespace {

fs::path renderPath() { return fs::path(SRS_CLI_PATH).parent_path() / "srs-render"; }

/// Fails (not skips) when the build has srs-render but the binary is missing.
bool haveRender() {
#ifdef SRS_RENDER_BUILT
    EXPECT_TRUE(fs::exists(renderPath())) << renderPath();
    return fs::exists(renderPath());
#else
    return false;
#endif
}

nlohmann::json readJson(const fs::path& p) { return nlohmann::json::parse(readFile(p)); }

/// The srs:provenance text chunk of a PNG, read by an independent Python chunk parser
/// (tEXt / zTXt / iTXt), as JSON.
nlohmann::json pngProvenance(const fs::path& png) {
    const std::string script = R"PY(
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
i = 8
while i < len(data):
    n, kind = struct.unpack('>I4s', data[i:i+8]); body = data[i+8:i+8+n]; i += 12 + n
    if kind == b'tEXt':
        k, v = body.split(b'\0', 1)
    elif kind == b'zTXt':
        k, rest = body.split(b'\0', 1); v = zlib.decompress(rest[1:])
    elif kind == b'iTXt':
        k, rest = body.split(b'\0', 1); comp = rest[0]; rest = rest[2:]
        _, rest = rest.split(b'\0', 1); _, v = rest.split(b'\0', 1)
        if comp: v = zlib.decompress(v)
    else:
        continue
    if k == b'srs:provenance':
        print(v.decode()); break
)PY";
    TempDir tmp;
    writeFile(tmp / "png_text.py", script);
    const auto r = run(std::string(SRS_PYTHON) + " " + quote(tmp / "png_text.py") + " " + quote(png));
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return nlohmann::json::parse(r.out.empty() ? "null" : r.out);
}

/// The srs:provenance element of a PDF's XMP packet, via `pdfinfo -meta`.
nlohmann::json pdfProvenance(const fs::path& pdf) {
    const auto r = run("pdfinfo -meta " + quote(pdf));
    EXPECT_EQ(r.exitCode, 0) << r.err;
    std::smatch m;
    if (!std::regex_search(r.out, m, std::regex("<srs:provenance>([^<]*)</srs:provenance>"))) {
        ADD_FAILURE() << "no srs:provenance in the XMP of " << pdf << ":\n" << r.out;
        return nullptr;
    }
    std::string text = m[1];
    text = std::regex_replace(text, std::regex("&quot;"), "\"");
    text = std::regex_replace(text, std::regex("&amp;"), "&");
    return nlohmann::json::parse(text);
}

}  // namespace

TEST(FigureReplay, PruneCurveFiguresReplayByteIdenticalWithProvenance) {
    if (!haveRender()) GTEST_SKIP() << "srs-render is not built (SRS_BUILD_GUI=OFF)";
    TempDir dir;
    probe_test::SyntheticSpec spec;
    spec.questions = 16;
    spec.dModel = 16;
    spec.layers = {0};
    spec.planted = {3, 7};
    spec.maxResponse = 6;
    probe_test::writeSyntheticCache((dir / "c.h5").string(), spec);
    const std::string session = quote(dir / "s.srs.json");
    auto r = runSrs("probe prune-curve " + quote(dir / "c.h5") +
                    " --layers 0 --ratios 0,0.5,0.9 --hidden 8 --epochs 1 --seed 5 --bootstrap 10 --threads 1 -q "
                    "--out " + quote(dir / "curve.json") + " --session " + session);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    // Three figure steps of the curve: PNG, PDF (log axis) and SVG.
    writeFile(dir / "png.json", R"({"version": 1, "view": "prune-curve", "export": {"format": "png", "dpi": 100}})");
    writeFile(dir / "pdf.json",
              R"({"version": 1, "view": "prune-curve", "params": {"log_fraction_kept": true}, "export": {"format": "pdf"}})");
    writeFile(dir / "svg.json", R"({"version": 1, "view": "prune-curve", "export": {"format": "svg", "csv": true}})");
    for (const char* f : {"png", "pdf", "svg"}) {
        r = runSrs(std::string("figure --spec ") + quote(dir / (std::string(f) + ".json")) + " --data " +
                   quote(dir / "curve.json") + " --out " + quote(dir / (std::string("fig.") + f)) + " --label 'Figure " +
                   f + "' --session " + session);
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    EXPECT_NE(r.err.find("recorded step 's4' (figure)"), std::string::npos) << r.err;

    const auto j = readJson(dir / "s.srs.json");
    ASSERT_EQ(j["steps"].size(), 4u);
    const std::string sid = j["id"];
    const std::string curveFp = j["steps"][0]["outputs"][0]["fingerprint"];
    const auto& s2 = j["steps"][1];
    EXPECT_EQ(s2["kind"], "figure");
    EXPECT_EQ(s2["label"], "Figure png");
    EXPECT_EQ(s2["inputs"][0]["role"], "data");
    EXPECT_EQ(s2["inputs"][0]["path"], "curve.json");
    EXPECT_EQ(s2["inputs"][0]["fingerprint"], curveFp);  // the figure reads step s1's output
    EXPECT_EQ(s2["outputs"][0]["role"], "figure");
    EXPECT_EQ(s2["outputs"][0]["path"], "fig.png");
    EXPECT_EQ(s2["parameters"]["regenerate"], "srs replay s.srs.json --from s2");
    ASSERT_EQ(j["steps"][3]["outputs"].size(), 2u);  // svg + csv
    EXPECT_EQ(j["steps"][3]["outputs"][1]["role"], "csv");

    // Provenance in the PNG text chunk and the PDF XMP.
    const auto png = pngProvenance(dir / "fig.png");
    ASSERT_TRUE(png.is_object()) << png;
    EXPECT_EQ(png["session_id"], sid);
    EXPECT_EQ(png["step_id"], "s2");
    EXPECT_EQ(png["fingerprints"]["data"], curveFp);
    EXPECT_EQ(png["regenerate"], "srs replay s.srs.json --from s2");
    EXPECT_EQ(png["created"], s2["started"]);
    const auto pdf = pdfProvenance(dir / "fig.pdf");
    ASSERT_TRUE(pdf.is_object());
    EXPECT_EQ(pdf["session_id"], sid);
    EXPECT_EQ(pdf["step_id"], "s3");
    EXPECT_EQ(pdf["fingerprints"]["data"], curveFp);
    EXPECT_EQ(pdf["regenerate"], "srs replay s.srs.json --from s3");
    EXPECT_NE(readFile(dir / "fig.svg").find(sid), std::string::npos);
    EXPECT_NE(readFile(dir / "fig.csv").find("# step_id: s4"), std::string::npos);

    // Replay re-renders from the replayed curve and matches every fingerprint byte for byte.
    r = runSrs("replay " + session + " --check -q --out " + quote(dir / "rep"));
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("replayed 4 of 4 steps"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("5 outputs checked, 0 mismatch(es)"), std::string::npos) << r.out;
    for (const char* f : {"s2/fig.png", "s3/fig.pdf", "s4/fig.svg", "s4/fig.csv"}) {
        const fs::path p = dir / "rep" / f;
        EXPECT_EQ(readFile(p), readFile(dir / fs::path(f).filename())) << p;
    }
    const auto replayed = readJson(dir / "rep" / "replay.srs.json");
    EXPECT_EQ(replayed["steps"][1]["inputs"][0]["path"], (dir / "rep" / "s1" / "curve.json").string());

    // A changed drawing (the SVG 0.1 in taller) no longer matches the recorded figure: the
    // mismatch names the step and role; its CSV (same data) still matches.
    auto t = j;
    t["steps"][3]["parameters"]["spec"]["export"]["height_in"] = 2.6;
    writeFile(dir / "t.srs.json", t.dump(2));
    r = runSrs("replay " + quote(dir / "t.srs.json") + " --check -q --from s4 --out " + quote(dir / "rep2"));
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("MISMATCH step 's4' output 'figure': expected " +
                         j["steps"][3]["outputs"][0]["fingerprint"].get<std::string>()),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("replayed 1 of 4 steps"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2 outputs checked, 1 mismatch(es)"), std::string::npos) << r.out;

    // A bad spec in a session is an error naming the step and the field, leaving no figure;
    // a missing srs-render names what was looked for.
    t = j;
    t["steps"][3]["parameters"]["spec"]["export"]["dpi"] = "high";
    writeFile(dir / "b.srs.json", t.dump(2));
    r = runSrs("replay " + quote(dir / "b.srs.json") + " -q --from s4 --out " + quote(dir / "rep3"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("step 's4' (figure) failed"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("export.dpi: expected a integer"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "rep3" / "s4" / "fig.svg"));
    r = run("SRS_RENDER=" + quote(dir / "nowhere") + " " + SRS_CLI_PATH + " replay " + session + " -q --from s2 --out " +
            quote(dir / "rep4"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("SRS_RENDER=" + (dir / "nowhere").string() + ": not an executable file"), std::string::npos)
        << r.err;
}

TEST(FigureReplay, SrsRenderRefusesBadSpecAndDataWithoutOutput) {
    if (!haveRender()) GTEST_SKIP() << "srs-render is not built (SRS_BUILD_GUI=OFF)";
    TempDir dir;
    const std::string render = quote(renderPath());
    writeFile(dir / "curve.json", R"({"format": "srs-prune-curve", "method": "td", "layers": [{"layer": 2, "points": [
        {"ratio": 0.0, "s0": {"auroc": 0.8, "ci_low": 0.7, "ci_high": 0.9}},
        {"ratio": 0.9, "s0": {"auroc": 0.6, "ci_low": 0.5, "ci_high": 0.7}}]}]})");
    writeFile(dir / "ok.json", R"({"version": 1, "view": "prune-curve", "export": {"format": "png", "dpi": 50}})");
    writeFile(dir / "bad.json", R"({"version": 1, "view": "prune-curve", "export": {"format": "png", "colour": 1}})");
    writeFile(dir / "iou.json", R"({"version": 1, "view": "iou-matrix", "export": {"format": "png", "dpi": 50}})");
    const std::string out = quote(dir / "f.png");

    auto r = run(render + " --spec " + quote(dir / "bad.json") + " --data " + quote(dir / "curve.json") + " --out " + out);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find((dir / "bad.json").string() + ": figure spec: export.colour: unknown key"), std::string::npos)
        << r.err;
    // The prune curve given to the IoU view: the loader names the file and the field.
    r = run(render + " --spec " + quote(dir / "iou.json") + " --data " + quote(dir / "curve.json") + " --out " + out);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find((dir / "curve.json").string()), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("kind"), std::string::npos) << r.err;
    r = run(render + " --spec " + quote(dir / "ok.json") + " --data " + quote(dir / "missing.json") + " --out " + out);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("missing.json: data file does not exist"), std::string::npos) << r.err;
    r = run(render + " --spec " + quote(dir / "ok.json") + " --data " + quote(dir / "curve.json") + " --out " +
            quote(dir / "f.pdf"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("suffix does not match"), std::string::npos) << r.err;
    r = run(render + " --spec " + quote(dir / "ok.json") + " --data " + quote(dir / "curve.json") + " --trace 1 --out " + out);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("--trace applies to the dopamine-trace view only"), std::string::npos) << r.err;
    r = run(render + " --spec " + quote(dir / "ok.json") + " --out " + out);
    EXPECT_EQ(r.exitCode, 2);  // usage: --data missing
    EXPECT_FALSE(fs::exists(dir / "f.png"));
    EXPECT_FALSE(fs::exists(dir / "f.pdf"));

    // A good one: 3.5 x 2.5 in at 50 dpi = 175 x 125 px (PNG IHDR); no overwrite without --force.
    r = run(render + " --spec " + quote(dir / "ok.json") + " --data " + quote(dir / "curve.json") + " --out " + out);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string png = readFile(dir / "f.png");
    ASSERT_GT(png.size(), 24u);
    auto be32 = [&](size_t at) {
        return (unsigned(static_cast<unsigned char>(png[at])) << 24) | (unsigned(static_cast<unsigned char>(png[at + 1])) << 16) |
               (unsigned(static_cast<unsigned char>(png[at + 2])) << 8) | unsigned(static_cast<unsigned char>(png[at + 3]));
    };
    EXPECT_EQ(be32(16), 175u);
    EXPECT_EQ(be32(20), 125u);
    r = run(render + " --spec " + quote(dir / "ok.json") + " --data " + quote(dir / "curve.json") + " --out " + out);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("already exists (pass --force"), std::string::npos) << r.err;
    EXPECT_EQ(readFile(dir / "f.png"), png);
}
