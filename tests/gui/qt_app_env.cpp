// One QApplication for the whole srs_tests_gui binary (gtest_main provides main()).
// Offscreen platform unless the caller chose one; QSettings in test mode so nothing
// touches the user's real configuration.
#include <gtest/gtest.h>

#include <QApplication>
#include <QStandardPaths>

namespace {

class QtAppEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        QStandardPaths::setTestModeEnabled(true);
        static int argc = 1;
        static char name[] = "srs_tests_gui";
        static char* argv[] = {name, nullptr};
        m_app = new QApplication(argc, argv);
        QApplication::setOrganizationName(QStringLiteral("SRS Workbench Tests"));
        QApplication::setApplicationName(QStringLiteral("srs_tests_gui"));
    }
    void TearDown() override {
        delete m_app;
        m_app = nullptr;
    }

private:
    QApplication* m_app = nullptr;
};

const auto* const kEnv = ::testing::AddGlobalTestEnvironment(new QtAppEnvironment);

}  // namespace
