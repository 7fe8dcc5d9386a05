#pragma once
/// Preferences: compute device, CPU threads, UI language. Reads and writes Settings.
#include <QDialog>

class QComboBox;
class QSpinBox;

namespace srs::app::gui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);
    /// Writes the values to Settings (called on OK).
    void save() const;
    QString language() const;

private:
    QComboBox* m_device = nullptr;
    QSpinBox* m_threads = nullptr;
    QComboBox* m_language = nullptr;
};

}  // namespace srs::app::gui
