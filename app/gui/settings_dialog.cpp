#include "app/gui/settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

#include "app/gui/device_options.h"
#include "app/gui/settings.h"

namespace srs::app::gui {

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Settings"));
    auto* form = new QFormLayout(this);
    m_device = new QComboBox(this);
    for (const QString& d : availableDevices())
        m_device->addItem(d == QLatin1String("cuda") ? tr("CUDA GPU") : tr("CPU"), d);
    const int deviceIndex = m_device->findData(Settings::get(keys::kDevice));
    m_device->setCurrentIndex(deviceIndex < 0 ? 0 : deviceIndex);
    if (m_device->count() == 1)
        m_device->setToolTip(tr("This build of libtorch has no CUDA support."));
    form->addRow(tr("Compute device:"), m_device);
    m_threads = new QSpinBox(this);
    m_threads->setRange(0, hardwareThreads());
    m_threads->setSpecialValueText(tr("Automatic"));
    m_threads->setValue(Settings::get(keys::kThreads));
    form->addRow(tr("CPU threads:"), m_threads);
    m_language = new QComboBox(this);
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("한국어"), QStringLiteral("ko"));
    const int langIndex = m_language->findData(Settings::get(keys::kLanguage));
    m_language->setCurrentIndex(langIndex < 0 ? 0 : langIndex);
    form->addRow(tr("Language:"), m_language);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

void SettingsDialog::save() const {
    Settings::set(keys::kDevice, m_device->currentData().toString());
    Settings::set(keys::kThreads, m_threads->value());
    Settings::set(keys::kLanguage, m_language->currentData().toString());
}

QString SettingsDialog::language() const { return m_language->currentData().toString(); }

}  // namespace srs::app::gui
