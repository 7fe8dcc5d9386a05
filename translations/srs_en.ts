<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>srs::app::gui::AblateDialog</name>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="110"/>
        <source>Ablation Sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="112"/>
        <source>Model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="113"/>
        <source>Questions (JSONL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="114"/>
        <source>Value probes (.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="115"/>
        <source>Activation cache (.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="116"/>
        <source>MC probes (.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="117"/>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="118"/>
        <source>Conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="119"/>
        <source>Prune ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="120"/>
        <source>Questions (0 = all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="121"/>
        <source>Samples per question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="122"/>
        <source>Max new tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="123"/>
        <source>Temperature (0 = greedy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="124"/>
        <source>Prompt template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="125"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::app::gui::AnalysisDialog</name>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="28"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="40"/>
        <source>(optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="41"/>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::app::gui::ConfidenceDialog</name>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="189"/>
        <source>Confidence Signals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="191"/>
        <source>Model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="192"/>
        <source>Rollouts (.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="193"/>
        <source>Value probes (.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="194"/>
        <source>Activation cache (.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="195"/>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="196"/>
        <source>Verbal prompt template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="197"/>
        <source>Verbal max new tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="198"/>
        <source>Skip the verbalized signal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="201"/>
        <source>Bootstrap resamples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="202"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::app::gui::DopamineDialog</name>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="152"/>
        <source>Dopamine Neurons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="154"/>
        <source>Activation cache (.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="155"/>
        <source>Value probes (.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="156"/>
        <source>Tokenizer (for token text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="157"/>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="158"/>
        <source>Candidate dims (K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="159"/>
        <source>MLP epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="160"/>
        <source>Traces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="162"/>
        <source>held out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="163"/>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="164"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="166"/>
        <source>Traces from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="167"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <location filename="../app/gui/main_window.cpp" line="204"/>
        <source>Job failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="207"/>
        <source>Job cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="219"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="226"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="227"/>
        <source>&amp;Open Model...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="229"/>
        <source>Open &amp;Workspace...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="230"/>
        <source>Open Activation &amp;Cache...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="231"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="234"/>
        <source>Open Sessio&amp;n...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="235"/>
        <source>&amp;Save Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="242"/>
        <source>Save Session &amp;As...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="245"/>
        <source>&amp;Export Plot...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="248"/>
        <source>&amp;Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="252"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="256"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="262"/>
        <source>Next View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="266"/>
        <source>Previous View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="271"/>
        <source>&amp;Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="272"/>
        <source>&amp;Train Probes on Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="278"/>
        <source>&amp;Prune Curve of Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="285"/>
        <source>Neuron-Set &amp;Overlap of Probes Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="288"/>
        <source>&amp;Ablation Sweep...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="289"/>
        <source>&amp;Dopamine Neurons...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="290"/>
        <source>&amp;Confidence Signals...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="293"/>
        <source>&amp;Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="294"/>
        <source>Cancel All Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="297"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="298"/>
        <source>&amp;About SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="303"/>
        <source>SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="304"/>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="305"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="306"/>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="307"/>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="310"/>
        <source>Open a Hugging Face model folder (File &gt; Open Model...) or drop it on this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="311"/>
        <source>Probe training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="311"/>
        <source>Pruning curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="311"/>
        <source>Ablation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="312"/>
        <source>Neuron-set overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="312"/>
        <source>Dopamine trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="312"/>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="313"/>
        <source>Playground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="327"/>
        <source>Open Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="333"/>
        <source>Open Workspace Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="339"/>
        <source>Open Activation Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="341"/>
        <source>HDF5 activation caches (*.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="348"/>
        <source>Opening %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="350"/>
        <source>Inspect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="361"/>
        <source>Loaded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="365"/>
        <source>Cannot open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="366"/>
        <location filename="../app/gui/main_window.cpp" line="408"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="79"/>
        <source>%1

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="376"/>
        <source>Open cache %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="407"/>
        <source>Cannot open cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="433"/>
        <source>%1: expected a workspace or model folder, an activation cache or probes file (.h5), or a result (.json).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="404"/>
        <source>Added cache %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="158"/>
        <source>Open the probes file of this cache to select its neurons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="164"/>
        <location filename="../app/gui/main_window.cpp" line="188"/>
        <source>Neuron set L%1 p=%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="177"/>
        <source>Neuron set L%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="432"/>
        <source>Cannot open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="453"/>
        <location filename="../app/gui/main_window.cpp" line="483"/>
        <source>This view has nothing to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="476"/>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="502"/>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="524"/>
        <source>Could not record the step: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="542"/>
        <source>Recover Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="543"/>
        <source>SRS Workbench did not exit cleanly last time. Recover the session autosaved in %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="553"/>
        <source>Cannot recover the session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="557"/>
        <source>Recovered the autosaved session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="571"/>
        <location filename="../app/gui/main_window.cpp" line="594"/>
        <source>Open Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="586"/>
        <location filename="../app/gui/main_window.cpp" line="602"/>
        <source>Save Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="589"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="595"/>
        <source>Sessions (*.srs.json);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="602"/>
        <source>Sessions (*.srs.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="633"/>
        <source>Re-run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="638"/>
        <source>Re-ran %1 into %2: %3 outputs checked, %4 mismatches, %5 not runnable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="657"/>
        <source>Re-run all steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="662"/>
        <source>Re-ran %1 steps into %2: %3 outputs checked, %4 mismatches, %5 not runnable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="677"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="677"/>
        <source>The translation could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="681"/>
        <source>About SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="682"/>
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
        <location filename="../app/gui/main_window_workspace.cpp" line="205"/>
        <source>Probes %1: %2 layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="208"/>
        <source>Cannot open probes %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="222"/>
        <source>Cannot load %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="228"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="239"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="250"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="258"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="271"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="302"/>
        <source>Load %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="278"/>
        <source>%1 holds no traces (run srs dopamine with --traces N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="286"/>
        <source>Rollout %1 (%2 #%3, reward %4, %5 tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="320"/>
        <source>Trace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="353"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="411"/>
        <source>Open a workspace or an activation cache first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="367"/>
        <source>Train probes on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="148"/>
        <source>The ablation needs a model, questions, value probes and a cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="158"/>
        <source>Ablation of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="215"/>
        <location filename="../app/gui/main_window_analyses.cpp" line="269"/>
        <location filename="../app/gui/main_window_analyses.cpp" line="327"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="404"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="439"/>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="221"/>
        <source>The dopamine analysis needs a cache, value probes and a layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="231"/>
        <source>Dopamine neurons of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="275"/>
        <source>The confidence analysis needs a model, rollouts, value probes and a layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="286"/>
        <source>Confidence signals of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="421"/>
        <source>Prune curve of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="445"/>
        <source>The overlap needs two or more probes files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="454"/>
        <source>Neuron-set overlap (%1 files)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="494"/>
        <source>Layer %1, ratio %2: %3 neurons loaded into the playground</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::app::gui::PlaygroundController</name>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="90"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="130"/>
        <source>Open a model or a workspace first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="141"/>
        <source>Generating...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="281"/>
        <source>Playground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="299"/>
        <source>Correct (answer %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="300"/>
        <source>Wrong (answer %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="302"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="306"/>
        <source>First token after %1 ms, %2 tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="309"/>
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
        <location filename="../widgets/iou_matrix_view.cpp" line="20"/>
        <location filename="../widgets/iou_matrix_view.cpp" line="53"/>
        <source>Extract neuron sets to compare their overlap here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="54"/>
        <source>Result:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="55"/>
        <source>Pruning ratio:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="164"/>
        <source>IoU (chance %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="166"/>
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
        <location filename="../widgets/probe_training_view.cpp" line="39"/>
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
