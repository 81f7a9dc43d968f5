; Inno Setup script: installs the one-folder bundle into Program Files with a Start-menu entry.
; Build the bundle first (installer\windows\build.ps1), then: iscc installer\windows\alliance-workbook.iss
; Written for Windows; it cannot be built or tested on the Linux CI machine.

#define AppName "Alliance Workbook"
#define AppVersion "0.1.0"
#define AppExe "alliance-workbook.exe"

[Setup]
AppId={{6E0F3C2B-8B7A-4C55-9D4C-2B1E7A9F0A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Alliance Workbook
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=AllianceWorkbook-{#AppVersion}-setup
SetupIconFile=alliance-workbook.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\alliance-workbook\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
