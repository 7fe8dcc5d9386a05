#pragma once
/// Typed settings keys, declared once. Everything the workbench persists goes through
/// Settings::get/set with one of these keys; no raw QSettings strings elsewhere.
#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace srs::app::gui {

template <class T>
struct SettingKey {
    const char* name;
    T defaultValue;
};

namespace keys {
inline const SettingKey<QString> kLanguage{"ui/language", QStringLiteral("en")};  ///< "en" | "ko"
inline const SettingKey<QString> kDevice{"runtime/device", QStringLiteral("cpu")};  ///< "cpu" | "cuda"
inline const SettingKey<int> kThreads{"runtime/threads", 0};  ///< 0 = automatic
inline const SettingKey<QStringList> kRecentFiles{"files/recent", {}};
inline const SettingKey<QString> kLastDirectory{"files/lastDirectory", {}};
inline const SettingKey<QByteArray> kWindowGeometry{"window/geometry", {}};
inline const SettingKey<QByteArray> kWindowState{"window/state", {}};
}  // namespace keys

class Settings {
public:
    static constexpr int kMaxRecentFiles = 10;

    template <class T>
    static T get(const SettingKey<T>& key) {
        QSettings s;
        const QVariant v = s.value(QLatin1String(key.name));
        return v.isValid() && v.canConvert<T>() ? v.value<T>() : key.defaultValue;
    }
    template <class T>
    static void set(const SettingKey<T>& key, const T& value) {
        QSettings s;
        s.setValue(QLatin1String(key.name), QVariant::fromValue(value));
    }
    /// Puts `path` first in the recent-files list (deduplicated, at most kMaxRecentFiles).
    static QStringList addRecentFile(const QString& path);
};

}  // namespace srs::app::gui
