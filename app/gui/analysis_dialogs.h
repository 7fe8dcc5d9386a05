#pragma once
/// The Analysis menu's model-level analyses (srs ablate, srs dopamine, srs confidence): what
/// a job needs (plain structs, filled with defaults from the open workspace) and a small
/// dialog per analysis for the main options. The jobs themselves are MainWindow::runAblation,
/// runDopamine and runConfidence (main_window_analyses.cpp). Torch-free.
#include <QDialog>
#include <QString>
#include <cstdint>
#include <string>
#include <vector>

class QCheckBox;
class QDialogButtonBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace srs::app::gui {

/// srs ablate MODEL --data DATA --id-field ID --probes --cache [--mc-probes] ...
struct AblateJobSpec {
    std::string modelDir, data, probes, mcProbes, cache;
    std::string idField = "id";
    std::string grading;                 ///< task kind for grading ("" = the data file's default, math)
    std::string templateName = "qwen-boxed";
    std::string layers = "all";          ///< "all" or "0,2-3"
    std::string conditions = "value,random,magnitude-matched,largest-activation";
    double ratio = 0.9;                  ///< prune ratio of the sets (k = round((1 - ratio) d_model))
    long long limit = 8;                 ///< first N questions (0 = all)
    int samples = 2;
    double temperature = 1.0;
    int maxNewTokens = 64;
    int batchSize = 16;
    std::uint64_t seed = 0;
};

/// srs dopamine CACHE --probes P --layer L [--tokenizer T] ...
struct DopamineJobSpec {
    std::string cache, probes, tokenizer;
    int layer = -1;
    int candidates = 64;                 ///< clamped to d_model / 2 when the job starts
    int mlpEpochs = 30;
    int traces = 4;
    std::string split = "test";
    std::uint64_t seed = 0;
};

/// srs confidence MODEL --rollouts R --probes P --cache C --layer L ...
struct ConfidenceJobSpec {
    std::string modelDir, rollouts, probes, cache;
    int layer = -1;
    std::string verbalTemplate = "auto";
    int verbalMaxNewTokens = 16;
    bool skipVerbal = false;
    int bootstrap = 1000;
    std::uint64_t seed = 0;
};

/// Base: a form with OK / Cancel; OK stays disabled while a required path is empty.
class AnalysisDialog : public QDialog {
    Q_OBJECT
protected:
    explicit AnalysisDialog(QWidget* parent);
    /// A path row (line edit + Browse...); `folder` browses for a folder, else for a file.
    QLineEdit* addPath(const QString& label, const std::string& value, bool folder, bool required);
    QSpinBox* addInt(const QString& label, int value, int lo, int hi);
    QDoubleSpinBox* addDouble(const QString& label, double value, double lo, double hi, int decimals);
    QLineEdit* addText(const QString& label, const std::string& value);
    /// Layer picker: the probes file's layers (value = the default); editable.
    QComboBox* addLayer(const QString& label, const std::vector<int>& layers, int value);
    void finish();
    static std::string text(const QLineEdit* edit);
    static int layerOf(const QComboBox* box);

    QFormLayout* m_form = nullptr;

private:
    void updateOk();
    std::vector<QLineEdit*> m_required;
    QDialogButtonBox* m_buttons = nullptr;
};

class AblateDialog : public AnalysisDialog {
    Q_OBJECT
public:
    AblateDialog(const AblateJobSpec& defaults, QWidget* parent = nullptr);
    AblateJobSpec spec() const;

private:
    AblateJobSpec m_defaults;
    QLineEdit *m_model, *m_data, *m_probes, *m_mcProbes, *m_cache, *m_layers, *m_conditions, *m_template;
    QDoubleSpinBox *m_ratio, *m_temperature;
    QSpinBox *m_limit, *m_samples, *m_maxNew, *m_seed;
};

class DopamineDialog : public AnalysisDialog {
    Q_OBJECT
public:
    DopamineDialog(const DopamineJobSpec& defaults, const std::vector<int>& layers, QWidget* parent = nullptr);
    DopamineJobSpec spec() const;

private:
    DopamineJobSpec m_defaults;
    QLineEdit *m_cache, *m_probes, *m_tokenizer;
    QComboBox* m_layer;
    QComboBox* m_split;
    QSpinBox *m_candidates, *m_epochs, *m_traces, *m_seed;
};

class ConfidenceDialog : public AnalysisDialog {
    Q_OBJECT
public:
    ConfidenceDialog(const ConfidenceJobSpec& defaults, const std::vector<int>& layers, QWidget* parent = nullptr);
    ConfidenceJobSpec spec() const;

private:
    ConfidenceJobSpec m_defaults;
    QLineEdit *m_model, *m_rollouts, *m_probes, *m_cache, *m_template;
    QComboBox* m_layer;
    QSpinBox *m_maxNew, *m_bootstrap, *m_seed;
    QCheckBox* m_skipVerbal;
};

}  // namespace srs::app::gui
