#pragma once
// Runs QAbstractItemModelTester in Warning mode and counts the "FAIL!" reports it emits,
// so a broken model fails the gtest instead of aborting the binary.
#include <QAbstractItemModelTester>
#include <QString>
#include <atomic>

namespace srs::test {

class ModelTesterFailures {
public:
    ModelTesterFailures() {
        s_failures = 0;
        m_previous = qInstallMessageHandler(&handler);
    }
    ~ModelTesterFailures() { qInstallMessageHandler(m_previous); }
    int count() const { return s_failures.load(); }

private:
    static void handler(QtMsgType type, const QMessageLogContext&, const QString& message) {
        if (type == QtWarningMsg && message.contains(QLatin1String("FAIL!"))) ++s_failures;
    }
    static inline std::atomic<int> s_failures{0};
    QtMessageHandler m_previous = nullptr;
};

}  // namespace srs::test
