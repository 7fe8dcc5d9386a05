#include "app/gui/analysis_dialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

namespace srs::app::gui {
namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
constexpr int kMaxSeed = std::numeric_limits<int>::max();
}  // namespace

AnalysisDialog::AnalysisDialog(QWidget* parent) : QDialog(parent) {
    auto* layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    layout->addLayout(m_form);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Run"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(560);
}

QLineEdit* AnalysisDialog::addPath(const QString& label, const std::string& value, bool folder, bool required) {
    auto* row = new QWidget(this);
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto* edit = new QLineEdit(q(value), row);
    if (!required) edit->setPlaceholderText(tr("(optional)"));
    auto* browse = new QPushButton(tr("Browse..."), row);
    h->addWidget(edit, 1);
    h->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, folder, label] {
        const QString start = edit->text();
        const QString chosen = folder ? QFileDialog::getExistingDirectory(this, label, start)
                                      : QFileDialog::getOpenFileName(this, label, start);
        if (!chosen.isEmpty()) edit->setText(chosen);
    });
    m_form->addRow(label, row);
    if (required) {
        m_required.push_back(edit);
        connect(edit, &QLineEdit::textChanged, this, &AnalysisDialog::updateOk);
    }
    return edit;
}

QSpinBox* AnalysisDialog::addInt(const QString& label, int value, int lo, int hi) {
    auto* box = new QSpinBox(this);
    box->setRange(lo, hi);
    box->setValue(value);
    m_form->addRow(label, box);
    return box;
}

QDoubleSpinBox* AnalysisDialog::addDouble(const QString& label, double value, double lo, double hi, int decimals) {
    auto* box = new QDoubleSpinBox(this);
    box->setDecimals(decimals);
    box->setRange(lo, hi);
    box->setSingleStep(decimals >= 3 ? 0.01 : 0.1);
    box->setValue(value);
    m_form->addRow(label, box);
    return box;
}

QLineEdit* AnalysisDialog::addText(const QString& label, const std::string& value) {
    auto* edit = new QLineEdit(q(value), this);
    m_form->addRow(label, edit);
    return edit;
}

QComboBox* AnalysisDialog::addLayer(const QString& label, const std::vector<int>& layers, int value) {
    auto* box = new QComboBox(this);
    box->setEditable(true);
    for (int l : layers) box->addItem(QString::number(l));
    if (value >= 0) box->setCurrentText(QString::number(value));
    m_form->addRow(label, box);
    return box;
}

void AnalysisDialog::finish() { updateOk(); }

void AnalysisDialog::updateOk() {
    bool ok = true;
    for (const auto* e : m_required) ok = ok && !e->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

std::string AnalysisDialog::text(const QLineEdit* edit) { return edit->text().trimmed().toStdString(); }

int AnalysisDialog::layerOf(const QComboBox* box) {
    bool ok = false;
    const int v = box->currentText().trimmed().toInt(&ok);
    return ok ? v : -1;
}

// ---- ablate ----

AblateDialog::AblateDialog(const AblateJobSpec& d, QWidget* parent) : AnalysisDialog(parent), m_defaults(d) {
    setWindowTitle(tr("Ablation Sweep"));
    setObjectName(QStringLiteral("ablateDialog"));
    m_model = addPath(tr("Model folder"), d.modelDir, true, true);
    m_data = addPath(tr("Questions (JSONL)"), d.data, false, true);
    m_probes = addPath(tr("Value probes (.h5)"), d.probes, false, true);
    m_cache = addPath(tr("Activation cache (.h5)"), d.cache, false, true);
    m_mcProbes = addPath(tr("MC probes (.h5)"), d.mcProbes, false, false);
    m_layers = addText(tr("Layers"), d.layers);
    m_conditions = addText(tr("Conditions"), d.conditions);
    m_ratio = addDouble(tr("Prune ratio"), d.ratio, 0.001, 0.999, 3);
    m_limit = addInt(tr("Questions (0 = all)"), static_cast<int>(d.limit), 0, 1000000);
    m_samples = addInt(tr("Samples per question"), d.samples, 1, 64);
    m_maxNew = addInt(tr("Max new tokens"), d.maxNewTokens, 1, 32768);
    m_temperature = addDouble(tr("Temperature (0 = greedy)"), d.temperature, 0.0, 5.0, 2);
    m_template = addText(tr("Prompt template"), d.templateName);
    m_seed = addInt(tr("Seed"), static_cast<int>(d.seed), 0, kMaxSeed);
    finish();
}

AblateJobSpec AblateDialog::spec() const {
    AblateJobSpec s = m_defaults;
    s.modelDir = text(m_model);
    s.data = text(m_data);
    s.probes = text(m_probes);
    s.cache = text(m_cache);
    s.mcProbes = text(m_mcProbes);
    s.layers = text(m_layers);
    s.conditions = text(m_conditions);
    s.ratio = m_ratio->value();
    s.limit = m_limit->value();
    s.samples = m_samples->value();
    s.maxNewTokens = m_maxNew->value();
    s.temperature = m_temperature->value();
    s.templateName = text(m_template);
    s.seed = static_cast<std::uint64_t>(m_seed->value());
    return s;
}

// ---- dopamine ----

DopamineDialog::DopamineDialog(const DopamineJobSpec& d, const std::vector<int>& layers, QWidget* parent)
    : AnalysisDialog(parent), m_defaults(d) {
    setWindowTitle(tr("Dopamine Neurons"));
    setObjectName(QStringLiteral("dopamineDialog"));
    m_cache = addPath(tr("Activation cache (.h5)"), d.cache, false, true);
    m_probes = addPath(tr("Value probes (.h5)"), d.probes, false, true);
    m_tokenizer = addPath(tr("Tokenizer (for token text)"), d.tokenizer, false, false);
    m_layer = addLayer(tr("Layer"), layers, d.layer);
    m_candidates = addInt(tr("Candidate dims (K)"), d.candidates, 1, 1 << 20);
    m_epochs = addInt(tr("MLP epochs"), d.mlpEpochs, 1, 10000);
    m_traces = addInt(tr("Traces"), d.traces, 0, 1000);
    m_split = new QComboBox(this);
    m_split->addItem(tr("held out"), QStringLiteral("test"));
    m_split->addItem(tr("train"), QStringLiteral("train"));
    m_split->addItem(tr("all"), QStringLiteral("all"));
    m_split->setCurrentIndex(std::max(0, m_split->findData(q(d.split))));
    m_form->addRow(tr("Traces from"), m_split);
    m_seed = addInt(tr("Seed"), static_cast<int>(d.seed), 0, kMaxSeed);
    finish();
}

DopamineJobSpec DopamineDialog::spec() const {
    DopamineJobSpec s = m_defaults;
    s.cache = text(m_cache);
    s.probes = text(m_probes);
    s.tokenizer = text(m_tokenizer);
    s.layer = layerOf(m_layer);
    s.candidates = m_candidates->value();
    s.mlpEpochs = m_epochs->value();
    s.traces = m_traces->value();
    s.split = m_split->currentData().toString().toStdString();
    s.seed = static_cast<std::uint64_t>(m_seed->value());
    return s;
}

// ---- confidence ----

ConfidenceDialog::ConfidenceDialog(const ConfidenceJobSpec& d, const std::vector<int>& layers, QWidget* parent)
    : AnalysisDialog(parent), m_defaults(d) {
    setWindowTitle(tr("Confidence Signals"));
    setObjectName(QStringLiteral("confidenceDialog"));
    m_model = addPath(tr("Model folder"), d.modelDir, true, true);
    m_rollouts = addPath(tr("Rollouts (.jsonl)"), d.rollouts, false, true);
    m_probes = addPath(tr("Value probes (.h5)"), d.probes, false, true);
    m_cache = addPath(tr("Activation cache (.h5)"), d.cache, false, false);
    m_layer = addLayer(tr("Layer"), layers, d.layer);
    m_template = addText(tr("Verbal prompt template"), d.verbalTemplate);
    m_maxNew = addInt(tr("Verbal max new tokens"), d.verbalMaxNewTokens, 1, 4096);
    m_skipVerbal = new QCheckBox(tr("Skip the verbalized signal"), this);
    m_skipVerbal->setChecked(d.skipVerbal);
    m_form->addRow(QString(), m_skipVerbal);
    m_bootstrap = addInt(tr("Bootstrap resamples"), d.bootstrap, 0, 1000000);
    m_seed = addInt(tr("Seed"), static_cast<int>(d.seed), 0, kMaxSeed);
    finish();
}

ConfidenceJobSpec ConfidenceDialog::spec() const {
    ConfidenceJobSpec s = m_defaults;
    s.modelDir = text(m_model);
    s.rollouts = text(m_rollouts);
    s.probes = text(m_probes);
    s.cache = text(m_cache);
    s.layer = layerOf(m_layer);
    s.verbalTemplate = text(m_template);
    s.verbalMaxNewTokens = m_maxNew->value();
    s.skipVerbal = m_skipVerbal->isChecked();
    s.bootstrap = m_bootstrap->value();
    s.seed = static_cast<std::uint64_t>(m_seed->value());
    return s;
}

}  // namespace srs::app::gui
