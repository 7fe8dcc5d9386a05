<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>srs::app::gui::JobPanel</name>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="67"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="68"/>
        <source>Cancel the selected job (or the only running one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="69"/>
        <source>Clear finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::app::gui::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="194"/>
        <source>Job failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="197"/>
        <source>Job cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="209"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="216"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="217"/>
        <source>&amp;Open Model...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="219"/>
        <source>Open &amp;Workspace...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="220"/>
        <source>Open Activation &amp;Cache...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="221"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="224"/>
        <source>Open Sessio&amp;n...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="225"/>
        <source>&amp;Save Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="232"/>
        <source>Save Session &amp;As...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="235"/>
        <source>&amp;Export Plot...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="238"/>
        <source>&amp;Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="242"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="246"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="252"/>
        <source>Next View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="256"/>
        <source>Previous View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="261"/>
        <source>&amp;Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="262"/>
        <source>&amp;Train Probes on Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="268"/>
        <source>&amp;Prune Curve of Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="275"/>
        <source>Neuron-Set &amp;Overlap of Probes Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="278"/>
        <source>&amp;Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="279"/>
        <source>Cancel All Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="282"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="283"/>
        <source>&amp;About SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="288"/>
        <source>SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="289"/>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="290"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="291"/>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="292"/>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="295"/>
        <source>Open a Hugging Face model folder (File &gt; Open Model...) or drop it on this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="296"/>
        <source>Probe training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="296"/>
        <source>Pruning curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="296"/>
        <source>Ablation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="297"/>
        <source>Neuron-set overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="297"/>
        <source>Dopamine trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="297"/>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="298"/>
        <source>Playground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="312"/>
        <source>Open Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="318"/>
        <source>Open Workspace Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="324"/>
        <source>Open Activation Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="326"/>
        <source>HDF5 activation caches (*.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="333"/>
        <source>Opening %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="335"/>
        <source>Inspect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="346"/>
        <source>Loaded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="350"/>
        <source>Cannot open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="351"/>
        <location filename="../app/gui/main_window.cpp" line="393"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="79"/>
        <source>%1

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="361"/>
        <source>Open cache %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="392"/>
        <source>Cannot open cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="418"/>
        <source>%1: expected a workspace or model folder, an activation cache or probes file (.h5), or a result (.json).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="389"/>
        <source>Added cache %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="148"/>
        <source>Open the probes file of this cache to select its neurons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="154"/>
        <location filename="../app/gui/main_window.cpp" line="178"/>
        <source>Neuron set L%1 p=%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="167"/>
        <source>Neuron set L%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="417"/>
        <source>Cannot open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="438"/>
        <location filename="../app/gui/main_window.cpp" line="468"/>
        <source>This view has nothing to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="461"/>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="487"/>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="509"/>
        <source>Could not record the step: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="527"/>
        <source>Recover Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="528"/>
        <source>SRS Workbench did not exit cleanly last time. Recover the session autosaved in %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="538"/>
        <source>Cannot recover the session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="542"/>
        <source>Recovered the autosaved session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="556"/>
        <location filename="../app/gui/main_window.cpp" line="579"/>
        <source>Open Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="571"/>
        <location filename="../app/gui/main_window.cpp" line="587"/>
        <source>Save Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="574"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="580"/>
        <source>Sessions (*.srs.json);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="587"/>
        <source>Sessions (*.srs.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="618"/>
        <source>Re-run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="623"/>
        <source>Re-ran %1 into %2: %3 outputs checked, %4 mismatches, %5 not runnable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="642"/>
        <source>Re-run all steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="647"/>
        <source>Re-ran %1 steps into %2: %3 outputs checked, %4 mismatches, %5 not runnable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="662"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="662"/>
        <source>The translation could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="666"/>
        <source>About SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="667"/>
        <source>SRS Workbench %1
Finds the sparse reward subsystem (value and dopamine neurons) in the hidden states of language models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="68"/>
        <source>Opening workspace %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="70"/>
        <source>Open workspace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="78"/>
        <source>Cannot open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="100"/>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="143"/>
        <source>Workspace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="164"/>
        <source>No example questions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="175"/>
        <source>Open probes %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="202"/>
        <source>Probes %1: %2 layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="205"/>
        <source>Cannot open probes %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="219"/>
        <source>Cannot load %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="225"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="236"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="247"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="255"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="268"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="299"/>
        <source>Load %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="275"/>
        <source>%1 holds no traces (run srs dopamine with --traces N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="283"/>
        <source>Rollout %1 (%2 #%3, reward %4, %5 tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="317"/>
        <source>Trace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="350"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="408"/>
        <source>Open a workspace or an activation cache first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="364"/>
        <source>Train probes on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="401"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="436"/>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="418"/>
        <source>Prune curve of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="442"/>
        <source>The overlap needs two or more probes files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="451"/>
        <source>Neuron-set overlap (%1 files)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="491"/>
        <source>Layer %1, ratio %2: %3 neurons loaded into the playground</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::app::gui::PlaygroundController</name>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="94"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="129"/>
        <source>Open a model or a workspace first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="137"/>
        <source>Generating...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="315"/>
        <source>Playground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="329"/>
        <source>Correct (answer %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="330"/>
        <source>Wrong (answer %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="332"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="336"/>
        <source>First token after %1 ms, %2 tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="339"/>
        <source> (model loaded in %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::app::gui::SessionPanel</name>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="22"/>
        <source>Parameters: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="26"/>
        <source>Seeds: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="28"/>
        <source>Model: %1 [%2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="30"/>
        <source>Input %1: %2 [%3]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="32"/>
        <source>Output %1: %2 [%3]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="100"/>
        <source>(not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/session_panel.cpp" line="101"/>
        <source>Session %1 — %2, %n step(s)%3</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="103"/>
        <source>Session id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="107"/>
        <source>Re-run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="108"/>
        <source>Re-run All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="109"/>
        <source>Rename...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="110"/>
        <source>Annotate...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="111"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="121"/>
        <source>Rename Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="121"/>
        <source>Label of %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="131"/>
        <source>Annotate Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="131"/>
        <source>Note on %1:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::app::gui::SettingsDialog</name>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="15"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="19"/>
        <source>CUDA GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="19"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="23"/>
        <source>This build of libtorch has no CUDA support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="24"/>
        <source>Compute device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="27"/>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="29"/>
        <source>CPU threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="35"/>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::models::ConfidenceTableModel</name>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="56"/>
        <source>Signal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="57"/>
        <source>Spearman rho</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="58"/>
        <source>p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="59"/>
        <source>AUROC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="60"/>
        <source>95% CI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="61"/>
        <source>ECE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::models::JobListModel</name>
    <message>
        <location filename="../models/job_list_model.cpp" line="77"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="78"/>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="79"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="84"/>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="85"/>
        <source>Cancelling...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="86"/>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="87"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="88"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="129"/>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="130"/>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="131"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="132"/>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="133"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::models::SessionStepModel</name>
    <message>
        <location filename="../models/session_step_model.cpp" line="55"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="56"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="57"/>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="58"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="59"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="60"/>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="61"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::models::WorkspaceModel</name>
    <message>
        <location filename="../models/workspace_model.cpp" line="11"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="12"/>
        <source>Activation caches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="13"/>
        <source>Rollouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="14"/>
        <source>Probe results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="15"/>
        <source>Analyses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="16"/>
        <source>Figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="116"/>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::AblationHeatmapView</name>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="17"/>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="43"/>
        <source>Run an ablation sweep to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="61"/>
        <source>L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="71"/>
        <source>Ablated layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="72"/>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="73"/>
        <source>Accuracy change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="100"/>
        <source>Layer %1, %2
accuracy %3%, change %4 points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::ConfidenceView</name>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="29"/>
        <location filename="../widgets/confidence_view.cpp" line="64"/>
        <source>Compare confidence signals to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="65"/>
        <source>Signal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="66"/>
        <source>Signal (scaled to [0, 1])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="67"/>
        <source>Correct (0/1, spread)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="68"/>
        <source>Mean predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="69"/>
        <source>Observed accuracy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::DopamineTraceView</name>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="20"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="56"/>
        <source>Train a value probe and open a response to see its dopamine trace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="57"/>
        <source>Colour tokens by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="58"/>
        <source>Token index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="59"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="62"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="113"/>
        <source>V(s_t)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="60"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="63"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="117"/>
        <source>delta_t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="73"/>
        <source>delta_t (TD error)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="75"/>
        <source>Neuron %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="151"/>
        <source>token %1 &quot;%2&quot; (id %3)
V = %4
delta = %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="159"/>
        <source>
activation (%1) = %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::ExportDialog</name>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="24"/>
        <location filename="../widgets/export_dialog.cpp" line="108"/>
        <source>Export Plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="28"/>
        <source>Plot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="30"/>
        <source>PDF (vector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="31"/>
        <source>SVG (vector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="32"/>
        <source>PNG (raster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="33"/>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="35"/>
        <source>Single column (3.5 in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="36"/>
        <source>Double column (7 in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="37"/>
        <source>Width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="42"/>
        <source> in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="43"/>
        <source>Height:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="47"/>
        <source>PNG resolution (DPI):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="50"/>
        <source>Font:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="54"/>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="55"/>
        <source>Font size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="57"/>
        <source>Okabe-Ito (colour-blind safe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="58"/>
        <source>Every view draws with the Okabe-Ito palette and colour-blind-safe colour scales.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="59"/>
        <source>Palette:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="60"/>
        <source>Also write the data as CSV next to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="65"/>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="68"/>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="70"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="109"/>
        <source>%1 files (*.%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="125"/>
        <source>Replace files?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="126"/>
        <source>These files exist:
%1
Replace them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="135"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::IouMatrixView</name>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="18"/>
        <location filename="../widgets/iou_matrix_view.cpp" line="39"/>
        <source>Extract neuron sets to compare their overlap here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="40"/>
        <source>Pruning ratio:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="91"/>
        <source>IoU (chance %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="93"/>
        <source>ratio %1, chance IoU %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::PlaygroundView</name>
    <message>
        <location filename="../widgets/playground_view.cpp" line="23"/>
        <location filename="../widgets/playground_view.cpp" line="94"/>
        <source>Open a model to use the playground.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="101"/>
        <source>Ask a question, e.g. a GSM8K problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="95"/>
        <source>Question:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="102"/>
        <source>dims, e.g. 3,17,42</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="103"/>
        <source>Zero (ablate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="104"/>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="107"/>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="96"/>
        <source>Intervention:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="97"/>
        <source>Examples:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="98"/>
        <source>Gold answer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="99"/>
        <source>optional: the answers are graded against it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="100"/>
        <location filename="../widgets/playground_view.cpp" line="188"/>
        <source>Pick an example question...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="105"/>
        <source>Set to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="106"/>
        <source>Mean (of the prompt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="108"/>
        <source>Baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="109"/>
        <source>With intervention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="111"/>
        <source>The answer appears here while it is generated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="112"/>
        <source>V(s_t)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="113"/>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::ProbeTrainingView</name>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="9"/>
        <location filename="../widgets/probe_training_view.cpp" line="21"/>
        <source>Train probes to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="22"/>
        <source>Training step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="23"/>
        <source>Loss (solid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="24"/>
        <source>Held-out AUROC (dashed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="25"/>
        <location filename="../widgets/probe_training_view.cpp" line="36"/>
        <source>Layer %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::PruneCurveView</name>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="18"/>
        <location filename="../widgets/prune_curve_view.cpp" line="40"/>
        <source>Train probes and run a pruning sweep to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="41"/>
        <source>Log scale: fraction of neurons kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="89"/>
        <source>Layer %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="109"/>
        <source>Fraction of neurons kept (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="113"/>
        <source>Pruning ratio (fraction removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="119"/>
        <source>AUROC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="166"/>
        <source>Layer %1, %2
ratio %3 (kept %4)
AUROC %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="173"/>
        <source> [%1, %2]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
